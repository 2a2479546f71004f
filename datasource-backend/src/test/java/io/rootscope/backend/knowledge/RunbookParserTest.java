package io.rootscope.backend.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunbookParserTest {

    private final RunbookParser parser = new RunbookParser();

    @Test
    void markdownIsCutAtItsHeadingsButNotAtCommentsInsideCode() {
        Runbook runbook = parser.parse("disk.md", """
                # Disk pressure

                Intro text.

                ## Find what is full

                ```bash
                # a shell comment, not a heading
                df -h
                ```

                ## Empty

                ### Free space
                Delete old logs.
                """);
        assertEquals("Disk pressure", runbook.title());
        assertEquals(List.of("Overview", "Find what is full", "Free space"), runbook.sections().stream().map(Runbook.Section::heading).toList());
        assertTrue(runbook.sections().get(1).text().contains("# a shell comment, not a heading\ndf -h"));
        assertEquals("Disk pressure — Free space\nDelete old logs.", runbook.sections().get(2).passage(runbook.title()));
    }

    @Test
    void markdownWithoutHeadingIsTitledByItsFileName() {
        assertEquals("notes", parser.parse("team/notes.md", "just text").title());
    }

    @Test
    void yamlRunbookHasItsTriggerAndEachStepAsSections() {
        Runbook runbook = parser.parse("cpu.yaml", """
                name: cpu_high
                description: CPU is saturated.
                trigger:
                  condition: CPU > 90%
                  symptoms: [cpu, span_self_time]
                steps:
                  - Check the top processes
                  - name: Check throttling
                    command: kubectl top pod
                """);
        assertEquals("cpu_high", runbook.title());
        assertEquals(List.of("Trigger", "Step 1", "Step 2: Check throttling"), runbook.sections().stream().map(Runbook.Section::heading).toList());
        assertEquals("CPU is saturated.\ncondition: CPU > 90%\nsymptoms:\n- cpu\n- span_self_time", runbook.sections().get(0).text());
        assertEquals("command: kubectl top pod", runbook.sections().get(2).text());
    }

    @Test
    void aBadYamlRunbookIsRefusedNamingTheFileAndTheField() {
        assertEquals("a.yaml: steps: missing or not a non-empty list",
                assertThrows(InvalidRunbookException.class, () -> parser.parse("a.yaml", "name: a\ntrigger: x\n")).getMessage());
        assertEquals("a.yaml: name: missing or not a text",
                assertThrows(InvalidRunbookException.class, () -> parser.parse("a.yaml", "trigger: x\nsteps: [y]\n")).getMessage());
        assertEquals("a.yaml: trigger: missing (the condition the runbook is for)",
                assertThrows(InvalidRunbookException.class, () -> parser.parse("a.yaml", "name: a\nsteps: [y]\n")).getMessage());
        assertEquals("a.yaml: steps[1]: a step is a text or a map with a name",
                assertThrows(InvalidRunbookException.class, () -> parser.parse("a.yaml", "name: a\ntrigger: x\nsteps: [y, [z]]\n")).getMessage());
        assertEquals("a.yaml: expected a map with name, trigger and steps",
                assertThrows(InvalidRunbookException.class, () -> parser.parse("a.yaml", "- a\n")).getMessage());
        assertTrue(assertThrows(InvalidRunbookException.class, () -> parser.parse("a.yaml", "name: [a\n")).getMessage()
                .startsWith("a.yaml: not YAML: "));
        assertEquals("b.md: no section with text", assertThrows(InvalidRunbookException.class, () -> parser.parse("b.md", "# Title\n")).getMessage());
    }
}
