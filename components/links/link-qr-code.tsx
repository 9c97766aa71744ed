import QRCode from 'qrcode';

/**
 * A QR code of `url` as an SVG image (rendered on the server by the `qrcode` library; an `<img>`
 * of a data URL, so no markup from it enters the page). Medium error correction, dark on white
 * in both colour schemes so phone cameras read it.
 */
export async function LinkQrCode({ url, label, size = 112 }: { url: string; label: string; size?: number }) {
  const svg = await QRCode.toString(url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#0f172a', light: '#ffffff' },
  });
  return (
    // eslint-disable-next-line @next/next/no-img-element -- a data URL generated here; nothing for next/image to optimize
    <img
      src={`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`}
      width={size}
      height={size}
      alt={label}
      className="rounded-md ring-1 ring-gray-200"
    />
  );
}
