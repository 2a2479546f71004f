package io.rootscope.analytics.logs;

import java.util.List;

/**
 * What {@link DrainTemplateMiner#mine} found in one batch.
 *
 * @param lines           one result per input entry, in input order
 * @param templates       the distinct templates of this batch, in order of first appearance
 * @param generalisations templates reported in earlier batches that this batch generalised
 */
public record LogTemplateBatch(
        List<MinedLogLine> lines, List<LogTemplate> templates, List<TemplateGeneralisation> generalisations) {

    public LogTemplateBatch {
        lines = List.copyOf(lines);
        templates = List.copyOf(templates);
        generalisations = List.copyOf(generalisations);
    }
}
