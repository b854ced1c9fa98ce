// Pairwise scoring of duplicate clusters: every pair of items put in one cluster is a
// predicted "same job"; every pair sharing a truth key is a true one.

export interface ClusterScores {
  items: number;
  clusters: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;
const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);

/** `clusters` from clusterListings; `truthKey` names the real job of each item id. */
export function scoreClusters(clusters: readonly (readonly string[])[], truthKey: (id: string) => string): ClusterScores {
  const truthSizes = new Map<string, number>();
  let predictedPairs = 0;
  let correctPairs = 0;
  let items = 0;
  for (const cluster of clusters) {
    items += cluster.length;
    predictedPairs += pairs(cluster.length);
    const inCluster = new Map<string, number>();
    for (const id of cluster) {
      const key = truthKey(id);
      inCluster.set(key, (inCluster.get(key) ?? 0) + 1);
      truthSizes.set(key, (truthSizes.get(key) ?? 0) + 1);
    }
    for (const n of inCluster.values()) correctPairs += pairs(n);
  }
  let truePairs = 0;
  for (const n of truthSizes.values()) truePairs += pairs(n);
  const precision = ratio(correctPairs, predictedPairs);
  const recall = ratio(correctPairs, truePairs);
  const f1 = ratio(2 * correctPairs, predictedPairs + truePairs);
  return { items, clusters: clusters.length, truePairs, predictedPairs, correctPairs, precision, recall, f1 };
}
