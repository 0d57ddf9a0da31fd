package org.spinefusion.careplan.service.escalation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemAnswerOptionComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Type;

/**
 * Checks the items of a response against the items of its Questionnaire: every linkId exists where it is used,
 * every answer has the item's type (and an allowed option or a code of its answer ValueSet, and a number within
 * min/max), groups and displays carry
 * no answers, non-repeating items at most one answer and appear at most once.
 */
final class AnswerChecker {

    private static final String MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue";
    private static final String MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue";

    private final ResponseProblems problems;

    private final Function<String, Set<String>> valueSetCodes;

    /** @param valueSetCodes the codes ({@code system|code}) of the ValueSet with a given url, empty when unknown */
    AnswerChecker(ResponseProblems problems, Function<String, Set<String>> valueSetCodes) {
        this.problems = problems;
        this.valueSetCodes = valueSetCodes;
    }

    void check(
            List<QuestionnaireResponseItemComponent> answered, List<QuestionnaireItemComponent> defined, String path) {
        Map<String, QuestionnaireItemComponent> byLinkId = new HashMap<>();
        defined.forEach(item -> byLinkId.put(item.getLinkId(), item));
        Set<String> seen = new HashSet<>();
        Set<String> reported = new HashSet<>();
        for (int i = 0; i < answered.size(); i++) {
            QuestionnaireResponseItemComponent item = answered.get(i);
            String here = path + ".item[" + i + "]";
            QuestionnaireItemComponent definition = byLinkId.get(item.getLinkId());
            if (definition == null) {
                problems.add(
                        IssueType.INVALID,
                        here,
                        "linkId '" + item.getLinkId() + "' is not an item here in the" + " Questionnaire");
                continue;
            }
            // One issue for a repeated item however often it repeats, and its copies are not checked further.
            if (!seen.add(item.getLinkId())) {
                if (!definition.getRepeats()) {
                    if (reported.add(item.getLinkId())) {
                        problems.add(
                                IssueType.STRUCTURE,
                                here,
                                "item '" + item.getLinkId() + "' does not repeat in the Questionnaire; give it once");
                    }
                    continue;
                }
            }
            checkAnswers(item, definition, here);
            check(item.getItem(), definition.getItem(), here);
        }
    }

    private void checkAnswers(
            QuestionnaireResponseItemComponent item, QuestionnaireItemComponent definition, String path) {
        QuestionnaireItemType type = definition.getType();
        List<QuestionnaireResponseItemAnswerComponent> answers = item.getAnswer();
        if ((type == QuestionnaireItemType.GROUP || type == QuestionnaireItemType.DISPLAY) && !answers.isEmpty()) {
            problems.add(
                    IssueType.INVALID,
                    path,
                    "item '" + item.getLinkId() + "' is a " + type.toCode() + " and takes no answer");
            return;
        }
        if (!definition.getRepeats() && answers.size() > 1) {
            problems.add(IssueType.INVALID, path, "item '" + item.getLinkId() + "' takes one answer");
        }
        for (int a = 0; a < answers.size(); a++) {
            QuestionnaireResponseItemAnswerComponent answer = answers.get(a);
            String answerPath = path + ".answer[" + a + "]";
            Type value = answer.getValue();
            if (value == null || !matches(type, value)) {
                problems.add(
                        IssueType.INVALID,
                        answerPath,
                        "item '" + item.getLinkId() + "' needs a " + type.toCode() + " answer, not "
                                + (value == null ? "none" : value.fhirType()));
                continue;
            }
            checkOption(definition, value, answerPath);
            checkRange(definition, value, answerPath);
            check(answer.getItem(), definition.getItem(), answerPath);
        }
    }

    private static boolean matches(QuestionnaireItemType type, Type value) {
        String valueType = value.fhirType();
        return switch (type) {
            case BOOLEAN -> valueType.equals("boolean");
            case DECIMAL -> valueType.equals("decimal");
            case INTEGER -> valueType.equals("integer");
            case DATE -> valueType.equals("date");
            case DATETIME -> valueType.equals("dateTime");
            case TIME -> valueType.equals("time");
            case STRING, TEXT -> valueType.equals("string");
            case URL -> valueType.equals("uri");
            case CHOICE -> valueType.equals("Coding");
            case OPENCHOICE -> valueType.equals("Coding") || valueType.equals("string");
            case ATTACHMENT -> valueType.equals("Attachment");
            case REFERENCE -> valueType.equals("Reference");
            case QUANTITY -> valueType.equals("Quantity");
            default -> false;
        };
    }

    private void checkOption(QuestionnaireItemComponent definition, Type value, String path) {
        if (definition.hasAnswerValueSet() && value instanceof Coding coding) {
            checkValueSet(definition, coding, path);
            return;
        }
        if (!definition.hasAnswerOption() || !(value instanceof Coding coding)) {
            return;
        }
        for (QuestionnaireItemAnswerOptionComponent option : definition.getAnswerOption()) {
            if (option.getValue() instanceof Coding allowed
                    && allowed.getCode().equals(coding.getCode())
                    && (!coding.hasSystem() || allowed.getSystem().equals(coding.getSystem()))) {
                return;
            }
        }
        problems.add(IssueType.CODEINVALID, path, "item '" + definition.getLinkId() + "' has no such answer option");
    }

    /** A coded answer to an answerValueSet item is one of the set's codes (its system may be left out). */
    private void checkValueSet(QuestionnaireItemComponent definition, Coding coding, String path) {
        Set<String> allowed = valueSetCodes.apply(definition.getAnswerValueSet());
        boolean known = coding.hasSystem()
                ? allowed.contains(coding.getSystem() + "|" + coding.getCode())
                : allowed.stream().anyMatch(code -> code.endsWith("|" + coding.getCode()));
        if (!known) {
            problems.add(
                    IssueType.CODEINVALID,
                    path,
                    "item '" + definition.getLinkId() + "' has no such answer in its value set");
        }
    }

    private void checkRange(QuestionnaireItemComponent definition, Type value, String path) {
        Double number = number(value);
        if (number == null) {
            return;
        }
        Double min = limit(definition.getExtensionByUrl(MIN_VALUE));
        Double max = limit(definition.getExtensionByUrl(MAX_VALUE));
        if ((min != null && number < min) || (max != null && number > max)) {
            problems.add(IssueType.VALUE, path, "item '" + definition.getLinkId() + "' is outside its allowed range");
        }
    }

    private static Double limit(Extension extension) {
        return extension == null ? null : number(extension.getValue());
    }

    private static Double number(Type value) {
        if (value instanceof IntegerType integer && integer.getValue() != null) {
            return integer.getValue().doubleValue();
        }
        if (value instanceof DecimalType decimal && decimal.getValue() != null) {
            return decimal.getValue().doubleValue();
        }
        return null;
    }
}
