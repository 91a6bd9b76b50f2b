export function StatusBadge({ active }: { active: boolean }) {
  return <span className="badge">{active ? 'Active' : 'Deactivated'}</span>;
}
