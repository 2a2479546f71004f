package io.rootscope.backend.detection;

import io.rootscope.analytics.topology.Urn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the labels of a gala-anteater event ({@code Resource.metric_label}, a cause metric's {@code metric_labels})
 * to the resources they may name, most specific first:
 * <ol>
 *   <li>{@code pod} ({@code <namespace>/<name>}, or a bare name with {@code pod_namespace}) →
 *       {@code urn:k8s:pod:<namespace>/<name>}</li>
 *   <li>the same pod, when named as a Deployment's pods are ({@code <deployment>-<template hash>-<suffix>}) →
 *       {@code urn:k8s:svc:<namespace>/<deployment>}, the Service such a workload is usually published as</li>
 *   <li>{@code machine_id} → {@code urn:host:<machine_id>} (gala-gopher's id of a host)</li>
 *   <li>{@code hostname} → {@code urn:host:<hostname>}</li>
 * </ol>
 * Other labels (tgid, conn_fd, container_id, ...) name things below the resource level and are not mapped.
 */
final class AnteaterResourceMapping {

    /** {@code <namespace>/<deployment>-<pod-template-hash>-<random suffix>}, as the ReplicaSet controller names pods. */
    private static final Pattern DEPLOYMENT_POD = Pattern.compile("([^/]+/[a-z0-9-]+?)-[a-z0-9]{6,10}-[a-z0-9]{5}");

    private AnteaterResourceMapping() {
    }

    /**
     * The candidates named by {@code labels}, found at JSON path {@code labelsPath}; empty if no label maps.
     *
     * @throws AnteaterEventParser.FieldError naming the label whose value is no valid resource name
     */
    static List<ResourceCandidate> candidates(String labelsPath, Map<String, String> labels) throws AnteaterEventParser.FieldError {
        List<ResourceCandidate> candidates = new ArrayList<>();
        String pod = labels.get("pod");
        if (pod != null) {
            String namespace = labels.get("pod_namespace");
            String qualified = pod.contains("/") || namespace == null ? pod : namespace + "/" + pod;
            candidates.add(candidate(labelsPath + ".pod", "urn:k8s:pod:" + qualified));
            Matcher deploymentPod = DEPLOYMENT_POD.matcher(qualified);
            if (deploymentPod.matches()) {
                candidates.add(candidate(labelsPath + ".pod", "urn:k8s:svc:" + deploymentPod.group(1)));
            }
        }
        for (String hostLabel : List.of("machine_id", "hostname")) {
            String host = labels.get(hostLabel);
            if (host != null) {
                candidates.add(candidate(labelsPath + "." + hostLabel, "urn:host:" + host));
            }
        }
        return candidates;
    }

    private static ResourceCandidate candidate(String field, String urn) throws AnteaterEventParser.FieldError {
        try {
            return new ResourceCandidate(field, Urn.parse(urn).format());
        } catch (IllegalArgumentException e) {
            throw new AnteaterEventParser.FieldError(field, e.getMessage());
        }
    }
}
