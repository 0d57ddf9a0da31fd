package org.spinefusion.careplan.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-language check of the patient-facing texts: the Flesch-Kincaid grade level of each text.
 *
 * <p>grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59, measured per text (one message, one
 * question, one title, one instruction).
 *
 * <ul>
 *   <li><b>Sentences</b> end at {@code .}, {@code !} or {@code ?} (optionally followed by a closing quote or bracket)
 *       before a space or the end of the text, and at a line break. The abbreviations e.g., i.e., etc., vs. and approx.
 *       do not end a sentence, and neither does the point in a decimal number. A text without an end mark
 *       (a title) is one sentence.
 *   <li><b>Words</b> are runs of letters and digits; an apostrophe, hyphen, slash or a point or comma between two of
 *       them does not split the word ({@code don't}, {@code check-in}, {@code 38.0}, {@code 1,000} are one word each).
 *       Symbols ({@code °}, {@code %}, brackets) are not words; the {@code C} of {@code °C} is.
 *   <li><b>Syllables</b> of a word are the sum over its hyphen- or slash-separated parts. A number counts as it is
 *       spoken: up to two digits by their words ("six" 1, "ten" 1, "eleven" 3, "thirty" 2, "forty-five" 3); longer
 *       numbers digit by digit ("nine-one-one" 3) unless they are round hundreds or thousands ("one thousand" 3); a
 *       decimal is its whole part, "point" and each digit ("thirty-eight point zero" 6). A letter part counts its
 *       groups of vowels (a, e, i, o, u, y), plus one where a y between vowels starts a syllable ("employer" 3) and
 *       one where ia, io or iu (not after t, s, c, g or x), ua or uo (not after q, g or s) or eo (not after g, not
 *       before p) are two syllables ("manual" 3, "period" 3, "video" 3; "station", "special", "quality", "usual",
 *       "surgeon", "people" keep their count), minus one for a silent ending when the
 *       part has more than one group: a trailing {@code e} (not {@code ee}, not consonant + {@code le}: "table"
 *       keeps 2), an {@code es} not after s, x, z, c, g, sh, ch, a vowel or consonant + {@code l} ("medicines" 3,
 *       "nurses" 2), an {@code ed} not after t or d ("closed" 1, "needed" 2), and a silent {@code e} before -ly,
 *       -ful, -less, -ness or -ment ("safely" 2, "movement" 2). Letters with digits ({@code L4}, {@code C5}) count
 *       their letters plus 1. Every part has at least 1 syllable.
 * </ul>
 *
 * The heuristic is simple and close to the usual English rules; where it errs on a word it should rather count a
 * syllable too many than too few (an earlier version counted numbers, "usual" and "employer" short and passed two
 * messages a plain count puts above grade 8). It is the same everywhere in this module, so grades are comparable.
 */
final class PlainLanguage {

    /** The highest grade a patient-facing text may have. */
    static final double MAX_GRADE = 8.0;

    /** Answer option labels are measured once they are this many words long (shorter labels are not sentences). */
    static final int MIN_WORDS_FOR_ANSWER_LABELS = 4;

    private static final Pattern ABBREVIATIONS =
            Pattern.compile("(?i)(?<![A-Za-z])(e\\.g\\.|i\\.e\\.|etc\\.|approx\\.|vs\\.)");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?]+[\"')\\]]*(?=\\s|$)|\\n+");
    private static final Pattern HAS_CONTENT = Pattern.compile("[A-Za-z0-9]");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]+(?:['.,\\-/][A-Za-z0-9]+)*");
    private static final Pattern VOWEL_GROUP = Pattern.compile("[aeiouy]+");
    private static final Pattern Y_BETWEEN_VOWELS = Pattern.compile("[aeiou]y(?=[aeiou])");
    private static final Pattern TWO_VOWEL_SYLLABLES =
            Pattern.compile("(?<![tscgx])i[aou]|(?<![qgs])u[ao]|(?<!g)eo(?!p)");
    private static final Pattern SILENT_E_BEFORE_SUFFIX = Pattern.compile("[^aeiouy]e(?:ly|ful|less|ness|ment)$");
    /** Syllables of "zero" to "nine", of "zero" to "nineteen", and of "twenty" to "ninety" by their first digit. */
    private static final int[] DIGIT_WORDS = {2, 1, 1, 1, 1, 1, 1, 2, 1, 1};

    private static final int[] DIGIT_WORDS_TO_19 = {2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 3, 1, 2, 2, 2, 2, 3, 2, 2};
    private static final int[] TENS_WORDS = {0, 0, 2, 2, 2, 2, 2, 3, 2, 2};

    private PlainLanguage() {}

    /** Counts of one text. */
    record Counts(int sentences, int words, int syllables) {
        double grade() {
            return words == 0 ? 0 : 0.39 * words / sentences + 11.8 * syllables / words - 15.59;
        }
    }

    static double grade(String text) {
        return counts(text).grade();
    }

    static Counts counts(String text) {
        String t = normalise(text);
        int sentences = 0;
        for (String part : SENTENCE_END.split(t)) {
            if (HAS_CONTENT.matcher(part).find()) {
                sentences++;
            }
        }
        int words = 0;
        int syllables = 0;
        Matcher m = WORD.matcher(t);
        while (m.find()) {
            words++;
            syllables += syllables(m.group());
        }
        return new Counts(Math.max(sentences, 1), words, syllables);
    }

    static int words(String text) {
        return counts(text).words();
    }

    private static String normalise(String text) {
        String t = text.replace('\u2019', '\'').replace('\u2018', '\'');
        Matcher m = ABBREVIATIONS.matcher(t);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group().replace(".", "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Syllables of one word (see the class comment). */
    static int syllables(String word) {
        int total = 0;
        for (String part : word.split("[-/]")) {
            if (!part.isEmpty()) {
                total += partSyllables(part);
            }
        }
        return Math.max(total, 1);
    }

    private static int partSyllables(String part) {
        if (part.matches("[0-9]+")) {
            return spoken(part);
        }
        if (part.matches("[0-9]{1,3}(,[0-9]{3})+")) {
            return spoken(part.replace(",", ""));
        }
        if (part.matches("[0-9]+[.,][0-9]+")) {
            String[] number = part.split("[.,]", 2);
            return spoken(number[0])
                    + 1
                    + number[1].chars().map(d -> DIGIT_WORDS[d - '0']).sum();
        }
        boolean digits = part.matches(".*[0-9].*");
        String w = part.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        int n = count(VOWEL_GROUP, w) + count(Y_BETWEEN_VOWELS, w) + count(TWO_VOWEL_SYLLABLES, w);
        if (n > 1 && silentEnding(w)) {
            n--;
        }
        if (n > 1 && SILENT_E_BEFORE_SUFFIX.matcher(w).find()) {
            n--;
        }
        return Math.max(n, 1) + (digits ? 1 : 0);
    }

    /** Syllables of a whole number as it is read aloud (see the class comment). */
    private static int spoken(String digits) {
        String number = digits.replaceFirst("^0+(?=.)", "");
        if (number.length() <= 2) {
            int n = Integer.parseInt(number);
            return n < 20 ? DIGIT_WORDS_TO_19[n] : TENS_WORDS[n / 10] + (n % 10 == 0 ? 0 : DIGIT_WORDS[n % 10]);
        }
        if (number.length() <= 6 && number.endsWith("000")) {
            return spoken(number.substring(0, number.length() - 3)) + 2;
        }
        if (number.length() <= 4 && number.endsWith("00")) {
            return spoken(number.substring(0, number.length() - 2)) + 2;
        }
        return number.chars().map(d -> DIGIT_WORDS[d - '0']).sum();
    }

    private static int count(Pattern pattern, String word) {
        int n = 0;
        Matcher m = pattern.matcher(word);
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static boolean silentEnding(String w) {
        if (w.endsWith("e")) {
            return !w.endsWith("ee") && !w.matches(".*[^aeiouy]le");
        }
        if (w.endsWith("es") && w.length() > 3) {
            return !w.matches(".*([sxzcg]|sh|ch|[aeiouy]|[^aeiouy]l)es");
        }
        if (w.endsWith("ed") && w.length() > 3) {
            return !w.matches(".*([td]|e)ed");
        }
        return false;
    }

    // ------------------------------------------------------------------ the patient-facing texts

    /**
     * Every patient-facing text of the package, keyed by where it is: education messages (description of every
     * ActivityDefinition of kind CommunicationRequest), title and description of every pathway action for the
     * patient, every Questionnaire item text (and answer option labels of {@link #MIN_WORDS_FOR_ANSWER_LABELS} words
     * or more), the patient instruction (textEquivalent) of every escalation rule, and the fixed wording the service
     * puts into escalations (CodeSystem escalation-wording, for patients and for the care team, labels aside: see
     * {@link #escalationLabels}). All are held to {@link #MAX_GRADE}.
     */
    static Map<String, String> patientTexts(FhirPackage pkg) {
        Map<String, String> texts = new LinkedHashMap<>();
        pkg.files.forEach((filename, r) -> {
            if (r.path("resourceType").asText().equals("ActivityDefinition")
                    && r.path("kind").asText().equals("CommunicationRequest")) {
                texts.put(
                        "ActivityDefinition/" + r.path("id").asText() + " description",
                        r.path("description").asText());
            }
        });
        for (JsonNode action : FhirPackage.allActions(pkg.pathway())) {
            boolean forPatient = false;
            for (JsonNode participant : action.path("participant")) {
                forPatient |= participant.path("type").asText().equals("patient");
            }
            if (forPatient) {
                String where = "pathway action " + action.path("id").asText();
                texts.put(where + " title", action.path("title").asText());
                texts.put(where + " description", action.path("description").asText());
            }
        }
        pkg.files.forEach((filename, r) -> {
            if (!r.path("resourceType").asText().equals("Questionnaire")) {
                return;
            }
            for (JsonNode item : FhirPackage.items(r)) {
                String where = "Questionnaire/" + r.path("id").asText() + "#"
                        + item.path("linkId").asText();
                if (item.has("text")) {
                    texts.put(where + " text", item.path("text").asText());
                }
                int i = 0;
                for (JsonNode option : item.path("answerOption")) {
                    String label = option.path("valueCoding")
                            .path("display")
                            .asText(option.path("valueString").asText(""));
                    if (words(label) >= MIN_WORDS_FOR_ANSWER_LABELS) {
                        texts.put(where + " answerOption[" + i + "]", label);
                    }
                    i++;
                }
            }
        });
        // The fixed wording of what escalation produces, for the patient and for the care team (labels aside).
        escalationWording(pkg).forEach((where, text) -> {
            if (words(text) >= MIN_WORDS_FOR_ANSWER_LABELS) {
                texts.put(where, text);
            }
        });
        for (String id : List.of("spinal-fusion-escalation", "spinal-fusion-timed-escalation")) {
            for (JsonNode rule : pkg.resource("PlanDefinition", id).path("action")) {
                texts.put(
                        "PlanDefinition/" + id + " rule " + rule.path("id").asText() + " textEquivalent",
                        rule.path("textEquivalent").asText());
            }
        }
        return texts;
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z]+}");

    /**
     * A text of CodeSystem escalation-wording as measured: each {@code {name}} counted as one short word. The
     * fixed wording is what the artifact decides; the values the service puts in are measured where they are
     * defined (rule titles and summaries below, role names), and a date or a Task id is read as one thing.
     */
    static String filled(String template) {
        return PLACEHOLDER.matcher(template).replaceAll("x");
    }

    /**
     * The fixed wording of escalation shorter than {@link #MIN_WORDS_FOR_ANSWER_LABELS} words (field labels,
     * "URGENT: x"): listed so that every text is accounted for, not graded (a label is not a sentence).
     */
    static Map<String, String> escalationLabels(FhirPackage pkg) {
        Map<String, String> labels = new LinkedHashMap<>();
        escalationWording(pkg).forEach((where, text) -> {
            if (words(text) < MIN_WORDS_FOR_ANSWER_LABELS) {
                labels.put(where, text);
            }
        });
        return labels;
    }

    private static Map<String, String> escalationWording(FhirPackage pkg) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (JsonNode concept : pkg.resource("CodeSystem", "escalation-wording").path("concept")) {
            texts.put(
                    "CodeSystem/escalation-wording#" + concept.path("code").asText(),
                    filled(concept.path("display").asText()));
        }
        return texts;
    }

    /**
     * What the care team reads of each rule in the alert: its title (the headline) and its clinical summary. Counted
     * and reported, not held to grade 8: they are written in clinical terms ("epidural haematoma", "dysphagia") that a
     * clinician scans for, and a grade-8 rewrite would trade that precision for a score.
     */
    static Map<String, String> ruleSummaries(FhirPackage pkg) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String id : List.of("spinal-fusion-escalation", "spinal-fusion-timed-escalation")) {
            for (JsonNode rule : pkg.resource("PlanDefinition", id).path("action")) {
                String where =
                        "PlanDefinition/" + id + " rule " + rule.path("id").asText();
                texts.put(where + " title", rule.path("title").asText());
                texts.put(where + " description", rule.path("description").asText());
            }
        }
        return texts;
    }

    /** One line per patient-facing text above {@code maxGrade}: where, grade and the text. */
    static List<String> problems(FhirPackage pkg, double maxGrade) {
        List<String> problems = new ArrayList<>();
        patientTexts(pkg).forEach((where, text) -> {
            double grade = grade(text);
            if (grade > maxGrade) {
                problems.add(
                        String.format(Locale.ROOT, "%s: grade %.1f (limit %.0f): %s", where, grade, maxGrade, text));
            }
        });
        return problems;
    }
}
