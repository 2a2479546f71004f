package io.rootscope.analytics.rca.automap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Monte-Carlo simulation of AutoMAP's heuristic random walk (Ma et al., WWW 2020, Sect. 3.3) on a
 * {@link TransitionChain}: independent walkers start at the front-end and each take a fixed number of steps; a
 * service's score is its share of all visits. Each walker's trajectory, loop-erased, is the path it explains; the
 * paths most walkers ended on are kept. Randomness comes only from the injected {@link Random}. O(walkers × steps ×
 * log n) after an O(n²) set-up.
 */
public final class HeuristicRandomWalk {

    public static final int WALKERS_DEFAULT = 100;
    public static final int STEPS_DEFAULT = 100;

    /** Visit shares per service and the most travelled loop-erased paths (service indices), most walkers first. */
    public record Result(double[] visitShare, List<Path> paths) {
    }

    /** A loop-erased path and how many walkers ended on it. */
    public record Path(int[] nodes, int walkers) {
    }

    private final TransitionChain chain;
    private final int walkers;
    private final int steps;
    private final Random random;

    /**
     * @param walkers number of walkers, at least 1
     * @param steps   steps per walker, at least 1
     * @param random  source of randomness (seed it for reproducible results)
     */
    public HeuristicRandomWalk(TransitionChain chain, int walkers, int steps, Random random) {
        if (walkers < 1) {
            throw new IllegalArgumentException("walkers must be >= 1, got " + walkers);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        this.chain = chain;
        this.walkers = walkers;
        this.steps = steps;
        this.random = random;
    }

    public HeuristicRandomWalk(TransitionChain chain, Random random) {
        this(chain, WALKERS_DEFAULT, STEPS_DEFAULT, random);
    }

    public Result run() {
        int n = chain.size();
        int[][] targets = new int[n][];
        double[][] cumulative = new double[n][];
        for (int i = 0; i < n; i++) {
            int count = 0;
            int[] t = new int[n];
            double[] c = new double[n];
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double p = chain.probability(i, j);
                if (p > 0) {
                    sum += p;
                    t[count] = j;
                    c[count++] = sum;
                }
            }
            targets[i] = Arrays.copyOf(t, count);
            cumulative[i] = Arrays.copyOf(c, count);
        }
        long[] visits = new long[n];
        Map<String, int[]> pathCounts = new HashMap<>();
        Map<String, int[]> pathNodes = new HashMap<>();
        for (int w = 0; w < walkers; w++) {
            List<Integer> path = new ArrayList<>(List.of(chain.start()));
            int at = chain.start();
            for (int s = 0; s < steps; s++) {
                at = next(targets[at], cumulative[at]);
                visits[at]++;
                int seen = path.indexOf(at);
                if (seen >= 0) {
                    path.subList(seen + 1, path.size()).clear();
                } else {
                    path.add(at);
                }
            }
            String key = path.toString();
            pathCounts.computeIfAbsent(key, k -> new int[1])[0]++;
            pathNodes.computeIfAbsent(key, k -> path.stream().mapToInt(Integer::intValue).toArray());
        }
        double total = (double) walkers * steps;
        double[] share = Arrays.stream(visits).mapToDouble(v -> v / total).toArray();
        List<Path> paths = pathCounts.entrySet().stream()
                .map(e -> new Path(pathNodes.get(e.getKey()), e.getValue()[0]))
                .sorted(Comparator.comparingInt((Path p) -> -p.walkers())
                        .thenComparing(p -> Arrays.toString(p.nodes())))
                .toList();
        return new Result(share, paths);
    }

    private int next(int[] targets, double[] cumulative) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        int k = Arrays.binarySearch(cumulative, u);
        k = k >= 0 ? k + 1 : -k - 1;
        return targets[Math.min(k, targets.length - 1)];
    }
}
