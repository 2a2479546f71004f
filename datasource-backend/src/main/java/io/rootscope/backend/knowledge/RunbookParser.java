package io.rootscope.backend.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a runbook file into its sections. Markdown ({@code .md}): the first level-1 heading is the title and every
 * heading of level 1 to 3 starts a section (headings inside fenced code blocks are code comments, not headings). YAML
 * ({@code .yaml}, {@code .yml}), the shape of seed 002: {@code name}, an optional {@code title} and
 * {@code description}, a {@code trigger} (a condition as text, or a map such as {@code condition} and
 * {@code symptoms}) and {@code steps} (each a text, or a map with a {@code name} and any fields such as
 * {@code description}, {@code command}, {@code promql}); the trigger is one section and each step another.
 */
public final class RunbookParser {

    /** Longer files are refused: a runbook is a page, not a dump. */
    public static final int MAX_BYTES = 1 << 20;

    private static final Pattern HEADING = Pattern.compile("^(#{1,3})\\s+(.+?)\\s*#*\\s*$");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Whether a file name is a runbook's: Markdown or YAML. */
    public static boolean isRunbook(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".md") || name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** @param file the file's name, for the title when Markdown has no heading and for errors */
    public Runbook parse(String file, String content) {
        Runbook runbook = file.toLowerCase(Locale.ROOT).endsWith(".md") ? markdown(file, content) : yaml(file, content);
        if (runbook.sections().isEmpty()) {
            throw new InvalidRunbookException(file, "no section with text");
        }
        return runbook;
    }

    private static Runbook markdown(String file, String content) {
        String title = null;
        List<Runbook.Section> sections = new ArrayList<>();
        String heading = null;
        StringBuilder text = new StringBuilder();
        boolean fenced = false;
        for (String line : content.split("\r?\n", -1)) {
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                fenced = !fenced;
            }
            Matcher match = fenced ? null : HEADING.matcher(line);
            if (match != null && match.matches()) {
                add(sections, heading, text);
                heading = match.group(2);
                if (title == null && match.group(1).length() == 1) {
                    title = heading;
                    heading = "Overview";
                }
                text.setLength(0);
            } else {
                text.append(line).append('\n');
            }
        }
        add(sections, heading, text);
        return new Runbook(title != null ? title : baseName(file), sections);
    }

    private static void add(List<Runbook.Section> sections, String heading, CharSequence text) {
        String body = text.toString().strip();
        if (!body.isEmpty()) {
            sections.add(new Runbook.Section(heading == null ? "Overview" : heading, body));
        }
    }

    private static Runbook yaml(String file, String content) {
        JsonNode root;
        try {
            root = YAML.readTree(content);
        } catch (JsonProcessingException e) {
            throw new InvalidRunbookException(file, "not YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRunbookException(file, "expected a map with name, trigger and steps");
        }
        String name = requiredText(file, root, "name");
        String title = root.hasNonNull("title") ? requiredText(file, root, "title") : name;
        JsonNode trigger = root.get("trigger");
        if (trigger == null || trigger.isNull() || render(trigger).isBlank()) {
            throw new InvalidRunbookException(file, "trigger: missing (the condition the runbook is for)");
        }
        JsonNode steps = root.get("steps");
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            throw new InvalidRunbookException(file, "steps: missing or not a non-empty list");
        }
        List<Runbook.Section> sections = new ArrayList<>();
        String description = root.hasNonNull("description") ? render(root.get("description")) + "\n" : "";
        sections.add(new Runbook.Section("Trigger", (description + render(trigger)).strip()));
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            String heading = "Step " + (i + 1);
            String text;
            if (step.isTextual() && !step.asText().isBlank()) {
                text = step.asText();
            } else if (step.isObject() && step.hasNonNull("name") && step.get("name").isTextual()) {
                heading += ": " + step.get("name").asText();
                text = render(((ObjectNode) step.deepCopy()).without("name"));
            } else {
                throw new InvalidRunbookException(file, "steps[" + i + "]: a step is a text or a map with a name");
            }
            if (text.isBlank()) {
                throw new InvalidRunbookException(file, "steps[" + i + "]: empty step");
            }
            sections.add(new Runbook.Section(heading, text.strip()));
        }
        return new Runbook(title, sections);
    }

    private static String requiredText(String file, JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidRunbookException(file, field + ": missing or not a text");
        }
        return value.asText().strip();
    }

    /** A YAML value as readable text: a map as "key: value" lines, a list as one line per item. */
    private static String render(JsonNode node) {
        if (node.isObject()) {
            StringBuilder text = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String value = render(field.getValue());
                text.append(field.getKey()).append(':').append(value.contains("\n") ? "\n" : " ").append(value).append('\n');
            }
            return text.toString().strip();
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add("- " + render(item)));
            return String.join("\n", items);
        }
        return node.isNull() ? "" : node.asText().strip();
    }

    private static String baseName(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
