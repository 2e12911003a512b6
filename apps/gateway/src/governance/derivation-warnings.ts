import type { Catalog } from '#catalog';
import type { SystemRegistry } from '#identity';
import type { Grant, PolicyEngine } from '#policy';

/**
 * Where a grant would leave derived fields with masks that disagree: a
 * system that reads one of a pair in clear and the other masked (an ID
 * number in clear but the birth date masked, or the reverse, where the
 * clear birth date fills in the digits the ID number's mask hides) has
 * the mask undone. Judged per system the grant reaches, for its purposes
 * the grant covers, with the policy as it would be after the change.
 */
export function derivationWarnings(options: { grant: Grant; catalog: Catalog; registry: SystemRegistry; proposed: PolicyEngine; now: number }): string[] {
  const { grant, catalog, registry, proposed, now } = options;
  const warnings: string[] = [];
  const systems = registry
    .ids()
    .map((id) => registry.get(id)!)
    .filter((system) => system.id === grant.subject || system.department === grant.subject);
  for (const system of systems) {
    for (const purpose of system.purposes.filter((candidate) => grant.purpose === '*' || grant.purpose === candidate)) {
      const decide = proposed.decider({ system: system.id, department: system.department, clearance: system.clearance, purpose }, now, { cache: false });
      const clear = (coordinate: string) => {
        const decision = decide(catalog.lookupCoordinate(coordinate));
        return decision.allowed ? decision.mask === null : null;
      };
      for (const { source, derived } of catalog.derivations) {
        const [sourceClear, derivedClear] = [clear(source), clear(derived)];
        if (sourceClear === true && derivedClear === false) {
          warnings.push(`${system.id} (${purpose}) would read ${source} in clear but ${derived} masked: ${derived} can be read out of ${source}, so its mask protects nothing.`);
        } else if (sourceClear === false && derivedClear === true) {
          warnings.push(`${system.id} (${purpose}) would read ${derived} in clear but ${source} masked: the clear ${derived} fills in what the mask of ${source} hides.`);
        }
      }
    }
  }
  return warnings;
}
