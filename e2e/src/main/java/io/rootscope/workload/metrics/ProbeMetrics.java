package io.rootscope.workload.metrics;

import io.rootscope.workload.sim.ProbeSample;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Synthetic network probes per service: blackbox-exporter {@code http_2xx} and {@code icmp} modules (labelled
 * {@code module} and {@code target}, as a blackbox scrape config relabels them) and a ping exporter.
 */
final class ProbeMetrics {

    static final String HTTP_MODULE = "http_2xx";
    static final String ICMP_MODULE = "icmp";

    private ProbeMetrics() {
    }

    static void write(ExpositionWriter out, List<ProbeSample> probes) {
        out.family("probe_success", "gauge", "Displays whether or not the probe was a success");
        for (ProbeSample probe : probes) {
            out.sample("probe_success", blackbox(probe, HTTP_MODULE), probe.httpSuccess() ? 1 : 0);
            out.sample("probe_success", blackbox(probe, ICMP_MODULE), probe.icmpSuccess() ? 1 : 0);
        }
        out.family("probe_duration_seconds", "gauge", "Returns how long the probe took to complete in seconds");
        for (ProbeSample probe : probes) {
            out.sample("probe_duration_seconds", blackbox(probe, HTTP_MODULE), probe.httpDurationSeconds());
            out.sample("probe_duration_seconds", blackbox(probe, ICMP_MODULE),
                    probe.dnsLookupSeconds() + probe.icmpRttSeconds());
        }
        out.family("probe_dns_lookup_time_seconds", "gauge", "Returns the time taken for probe dns lookup in seconds");
        for (ProbeSample probe : probes) {
            out.sample("probe_dns_lookup_time_seconds", blackbox(probe, HTTP_MODULE), probe.dnsLookupSeconds());
            out.sample("probe_dns_lookup_time_seconds", blackbox(probe, ICMP_MODULE), probe.dnsLookupSeconds());
        }
        out.family("probe_http_duration_seconds", "gauge",
                "Duration of http request by phase, summed over all redirects");
        for (ProbeSample probe : probes) {
            phase(out, "probe_http_duration_seconds", probe, HTTP_MODULE, "resolve", probe.dnsLookupSeconds());
            phase(out, "probe_http_duration_seconds", probe, HTTP_MODULE, "connect", probe.connectSeconds());
            phase(out, "probe_http_duration_seconds", probe, HTTP_MODULE, "tls", 0);
            phase(out, "probe_http_duration_seconds", probe, HTTP_MODULE, "processing", probe.processingSeconds());
            phase(out, "probe_http_duration_seconds", probe, HTTP_MODULE, "transfer", probe.transferSeconds());
        }
        out.family("probe_http_status_code", "gauge", "Response HTTP status code");
        for (ProbeSample probe : probes) {
            out.sample("probe_http_status_code", blackbox(probe, HTTP_MODULE), probe.httpStatusCode());
        }
        out.family("probe_icmp_duration_seconds", "gauge", "Duration of icmp request by phase");
        for (ProbeSample probe : probes) {
            phase(out, "probe_icmp_duration_seconds", probe, ICMP_MODULE, "resolve", probe.dnsLookupSeconds());
            phase(out, "probe_icmp_duration_seconds", probe, ICMP_MODULE, "setup", 0.00002);
            phase(out, "probe_icmp_duration_seconds", probe, ICMP_MODULE, "rtt", probe.icmpRttSeconds());
        }
        ping(out, probes, "ping_rtt_mean_seconds", "Mean round trip time in seconds", ProbeSample::pingRttMeanSeconds);
        ping(out, probes, "ping_loss_ratio", "Packet loss from 0.0 to 1.0", ProbeSample::pingLossRatio);
    }

    private static Labels blackbox(ProbeSample probe, String module) {
        return Labels.of("module", module).and("target", probe.target());
    }

    private static void phase(ExpositionWriter out, String name, ProbeSample probe, String module, String phase,
            double seconds) {
        out.sample(name, blackbox(probe, module).and("phase", phase), seconds);
    }

    private static void ping(ExpositionWriter out, List<ProbeSample> probes, String name, String help,
            ToDoubleFunction<ProbeSample> value) {
        out.family(name, "gauge", help);
        for (ProbeSample probe : probes) {
            out.sample(name, Labels.of("target", probe.target()).and("ip", probe.ip()).and("ip_version", "4"),
                    value.applyAsDouble(probe));
        }
    }
}
