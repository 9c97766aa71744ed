import { PageSkeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return <PageSkeleton label="Loading the campaign report…" kpis={4} chart rows={6} />;
}
