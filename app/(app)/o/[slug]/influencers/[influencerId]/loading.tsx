import { PageSkeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return <PageSkeleton label="Loading the influencer's analytics…" kpis={4} chart rows={6} />;
}
