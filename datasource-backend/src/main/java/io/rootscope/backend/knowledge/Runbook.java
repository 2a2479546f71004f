package io.rootscope.backend.knowledge;

import java.util.List;

/**
 * A runbook read from its file: a title and its sections, each of which becomes one searchable passage.
 *
 * @param title    the runbook's title (a Markdown file's first heading, a YAML runbook's title or name)
 * @param sections its sections in file order, none empty
 */
public record Runbook(String title, List<Section> sections) {

    /** One section: its heading and its text. */
    public record Section(String heading, String text) {

        /** What is embedded and indexed: the section in the context of its runbook. */
        public String passage(String title) {
            return title + " — " + heading + "\n" + text;
        }
    }
}
