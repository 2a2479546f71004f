package io.rootscope.analytics.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An internal node of the Drain parse tree: children by token, and at the leaves the log clusters. */
final class DrainNode {

    final Map<String, DrainNode> children = new HashMap<>();
    final List<LogCluster> clusters = new ArrayList<>();
}
