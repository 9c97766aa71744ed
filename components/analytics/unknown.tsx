/** A value cell: the formatted value, or "—" with the reason on hover when unknown. */
export function ValueCell({ value, format, reason }: { value: number | null; format: (v: number | null) => string; reason?: string }) {
  if (value === null)
    return (
      <span className="text-gray-500" title={reason ?? 'Unknown'}>
        —
      </span>
    );
  return <>{format(value)}</>;
}
