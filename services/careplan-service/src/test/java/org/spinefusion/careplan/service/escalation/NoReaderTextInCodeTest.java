package org.spinefusion.careplan.service.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps what a clinician or patient reads out of the escalation code: a text put straight into a narrative heading,
 * field or paragraph, a display, a Task description or a Goal's status reason must come from CodeSystem
 * escalation-wording (or a rule), never from a string literal here.
 */
class NoReaderTextInCodeTest {

    static final Path SOURCES = Path.of("src/main/java/org/spinefusion/careplan/service/escalation");
    static final Pattern LITERAL_TEXT =
            Pattern.compile("\\.(heading|field|paragraph|setText|setDisplay|setStatusReason|setDescription)\\(\\s*\"");

    static List<String> literalTexts(String source) {
        List<String> found = new ArrayList<>();
        Matcher matcher = LITERAL_TEXT.matcher(source);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    @Test
    void theEscalationCodeSetsNoReaderTextFromALiteral() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                literalTexts(Files.readString(file)).forEach(text -> problems.add(file.getFileName() + ": " + text));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void findsALiteralText() {
        assertThat(literalTexts("Xhtml.div().heading(\"Acknowledge: \" + title).field(label, value)"))
                .containsExactly(".heading(\"");
        assertThat(literalTexts("task.setDescription(\n        \"Please call\")"))
                .hasSize(1);
        assertThat(literalTexts("div.heading(wording.text(Text.TASK_HEADING))")).isEmpty();
    }
}
