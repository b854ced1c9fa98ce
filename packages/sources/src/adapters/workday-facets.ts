import { isObj, list, num, str, type Obj } from '../util/values.ts';

/** Workday stops counting at 2000 and then loops; a board this big must be split. */
export const WORKDAY_RESULT_CAP = 2000;

interface FacetGroup { parameter: string; values: { id: string; count: number }[] }

// Facets nest ("locationMainGroup" → "locations" → values); collect every leaf group.
function facetGroups(node: unknown, out: FacetGroup[]): void {
  for (const facet of list(node).filter(isObj)) {
    const parameter = str(facet.facetParameter);
    const values = list(facet.values).filter(isObj);
    const leaves = values
      .map((v: Obj) => ({ id: str(v.id), count: num(v.count) }))
      .filter((v): v is { id: string; count: number } => v.id !== null && v.count !== null);
    if (parameter && leaves.length > 0) out.push({ parameter, values: leaves });
    facetGroups(values.filter((v) => Array.isArray(v.values)), out);
  }
}

/**
 * appliedFacets for one crawl per value of the first facet group whose every value stays
 * under the cap, so each split can be paged to its end. None when no such group exists.
 */
export function facetSplits(facets: unknown): Record<string, string[]>[] {
  const groups: FacetGroup[] = [];
  facetGroups(facets, groups);
  const usable = groups.find((g) => g.values.every((v) => v.count < WORKDAY_RESULT_CAP));
  return usable ? usable.values.map((v) => ({ [usable.parameter]: [v.id] })) : [];
}
