package org.spinefusion.careplan.service.escalation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.narrative.Xhtml;
import org.spinefusion.careplan.service.escalation.EscalationWording.Text;

/**
 * Records the measured answers of a response (the numeric items the Questionnaire codes with LOINC, such as body
 * temperature 8310-5 and pain score 72514-3) as Observations, so they can be charted and referenced as reasons.
 */
final class MeasuredFindings {

    static final String LOINC = "http://loinc.org";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String UNIT_EXTENSION = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";
    private static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String ID_OBSERVATION = Canonicals.BASE + "/identifier/observation";

    private MeasuredFindings() {}

    /** One Observation per answered numeric LOINC-coded item. */
    static List<Observation> of(AcceptedResponse accepted, EscalationWording wording) {
        Map<String, QuestionnaireItemComponent> definitions = new HashMap<>();
        index(accepted.questionnaire().getItem(), definitions);
        List<Observation> observations = new ArrayList<>();
        QuestionnaireResponse response = accepted.response();
        collect(response.getItem(), definitions, accepted, wording, observations);
        return observations;
    }

    /** A short clinician-facing line per Observation, e.g. "Body temperature 38.6 °C", "Pain severity 9". */
    static List<String> facts(List<Observation> observations) {
        return observations.stream()
                .map(o -> o.getCode().getText().split(" - ", 2)[0] + " "
                        + o.getValueQuantity().getValue().toPlainString()
                        + (o.getValueQuantity().getUnit().startsWith("{")
                                ? ""
                                : " " + o.getValueQuantity().getUnit()))
                .toList();
    }

    private static void index(List<QuestionnaireItemComponent> items, Map<String, QuestionnaireItemComponent> into) {
        for (QuestionnaireItemComponent item : items) {
            into.put(item.getLinkId(), item);
            index(item.getItem(), into);
        }
    }

    private static void collect(
            List<QuestionnaireResponseItemComponent> items,
            Map<String, QuestionnaireItemComponent> definitions,
            AcceptedResponse accepted,
            EscalationWording wording,
            List<Observation> into) {
        for (QuestionnaireResponseItemComponent item : items) {
            QuestionnaireItemComponent definition = definitions.get(item.getLinkId());
            Coding loinc = definition == null ? null : loinc(definition);
            if (loinc != null && item.hasAnswer()) {
                Quantity quantity = quantity(item.getAnswerFirstRep().getValue(), definition);
                if (quantity != null) {
                    into.add(observation(accepted, wording, item.getLinkId(), loinc, definition, quantity));
                }
            }
            collect(item.getItem(), definitions, accepted, wording, into);
            item.getAnswer().forEach(answer -> collect(answer.getItem(), definitions, accepted, wording, into));
        }
    }

    private static Coding loinc(QuestionnaireItemComponent definition) {
        return definition.getCode().stream()
                .filter(code -> LOINC.equals(code.getSystem()))
                .findFirst()
                .orElse(null);
    }

    private static Quantity quantity(Type value, QuestionnaireItemComponent definition) {
        Quantity quantity = new Quantity();
        if (value instanceof DecimalType decimal) {
            quantity.setValue(decimal.getValue());
        } else if (value instanceof IntegerType integer) {
            quantity.setValue(integer.getValue());
        } else {
            return null;
        }
        Extension unit = definition.getExtensionByUrl(UNIT_EXTENSION);
        if (unit != null && unit.getValue() instanceof Coding coding) {
            quantity.setSystem(UCUM)
                    .setCode(coding.getCode())
                    .setUnit(coding.hasDisplay() ? coding.getDisplay() : coding.getCode());
        } else {
            quantity.setSystem(UCUM).setCode("{score}").setUnit("{score}");
        }
        return quantity;
    }

    private static Observation observation(
            AcceptedResponse accepted,
            EscalationWording wording,
            String linkId,
            Coding loinc,
            QuestionnaireItemComponent definition,
            Quantity value) {
        QuestionnaireResponse response = accepted.response();
        String responseId = response.getIdElement().getIdPart();
        Observation observation = new Observation();
        observation.setId("obs-" + responseId + "-" + linkId);
        observation.addIdentifier().setSystem(ID_OBSERVATION).setValue(responseId + "#" + linkId);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(CATEGORY_SYSTEM, "survey", "Survey")));
        observation.setCode(new CodeableConcept(loinc.copy())
                .setText(loinc.hasDisplay() ? loinc.getDisplay() : definition.getText()));
        observation.setSubject(response.getSubject().copy());
        observation.addBasedOn(new Reference("CarePlan/" + accepted.episode().carePlanId()));
        observation.setEffective(response.getAuthoredElement().copy());
        observation.setValue(value);
        observation.addDerivedFrom(new Reference("QuestionnaireResponse/" + responseId));
        observation.setText(Xhtml.div()
                .heading(observation.getCode().getText())
                .field(wording.text(Text.VALUE_LABEL), value.getValue().toPlainString() + " " + value.getUnit())
                .field(
                        wording.text(Text.REPORTED_LABEL),
                        response.getAuthoredElement().getValueAsString())
                .toNarrative());
        return observation;
    }
}
