package org.spinefusion.careplan.service.escalation;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.plan.EpisodeIds;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.FhirClients;
import org.spinefusion.careplan.service.support.Fixtures;
import org.spinefusion.careplan.service.support.TestReceipts;

/**
 * Test episodes and their responses over the FHIR API: makes a plan with $apply, then fills its tailored
 * Questionnaires from a map of linkId to answer, in the Questionnaire's own item structure.
 */
public final class SymptomChecks {

    static final String SYMPTOM_CHECK = "postop-symptom-check";
    static final String MILESTONE_CHECK_IN = "milestone-checkin";
    static final String CHECK_IN_ANSWER = Canonicals.BASE + "/CodeSystem/check-in-answer";
    static final String MILESTONE_PROGRESS = Canonicals.BASE + "/CodeSystem/check-in-answer";

    private final int port;

    public SymptomChecks(int port) {
        this.port = port;
    }

    IGenericClient client() {
        return FhirClients.client(port);
    }

    EpisodeSpec newEpisode(LocalDate surgeryDate) {
        EpisodeSpec episode = EpisodeSpec.cervical(
                Fixtures.unique("esc"), surgeryDate, "approach-anterior", "hardware-plates", "setting-inpatient");
        apply(episode);
        return episode;
    }

    EpisodeSpec newEpisode() {
        return newEpisode(LocalDate.of(2031, 5, 4));
    }

    CarePlan apply(EpisodeSpec episode) {
        Parameters parameters = new Parameters();
        parameters.addParameter("subject", new StringType(episode.patient().getReference()));
        parameters.addParameter().setName("data").setResource(episode.data());
        return client().operation()
                .onInstance("PlanDefinition/spinal-fusion-pathway")
                .named("$apply")
                .withParameters(parameters)
                .returnResourceType(CarePlan.class)
                .execute();
    }

    static String questionnaireUrl(EpisodeSpec episode, String baseId) {
        return Canonicals.BASE + "/Questionnaire/" + new EpisodeIds(episode.episodeKey()).questionnaireId(baseId);
    }

    Questionnaire questionnaire(EpisodeSpec episode, String baseId) {
        return client().read()
                .resource(Questionnaire.class)
                .withId(new EpisodeIds(episode.episodeKey()).questionnaireId(baseId))
                .execute();
    }

    /** A completed response with the given answers (pain-score 2 unless given, as it is required). */
    QuestionnaireResponse response(EpisodeSpec episode, String baseId, Map<String, Object> answers) {
        Map<String, Object> all = new LinkedHashMap<>(answers);
        all.putIfAbsent("pain-score", 2);
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setQuestionnaire(questionnaireUrl(episode, baseId));
        response.setSubject(episode.patient());
        response.getItem().addAll(items(questionnaire(episode, baseId).getItem(), all));
        if (SYMPTOM_CHECK.equals(baseId)) {
            // Symptom checks are taken only inside the check-in days after the surgery (second day after it here).
            response.setAuthoredElement(
                    new DateTimeType(episode.surgeryDate().plusDays(2).atTime(12, 0) + ":00Z"));
        }
        return response;
    }

    public QuestionnaireResponse symptoms(EpisodeSpec episode, Map<String, Object> answers) {
        return response(episode, SYMPTOM_CHECK, answers);
    }

    /** Posts the response; the service receives it at its {@code authored} (a check-in day of the episode). */
    String submit(QuestionnaireResponse response) {
        try (TestReceipts.Receipt receipt = receivedAtAuthored(response)) {
            MethodOutcome outcome = client().create().resource(response).execute();
            return outcome.getId().getIdPart();
        }
    }

    /** The service receives responses at this one's {@code authored} (now, when it has none) until closed. */
    static TestReceipts.Receipt receivedAtAuthored(QuestionnaireResponse response) {
        return TestReceipts.receivedAt(
                response.hasAuthored() ? response.getAuthored().toInstant() : Instant.now());
    }

    String submitSymptoms(EpisodeSpec episode, Map<String, Object> answers) {
        return submit(symptoms(episode, answers));
    }

    /** The escalation Communications of the episode's patient with the given category, oldest first. */
    List<Communication> communications(EpisodeSpec episode, String category) {
        Bundle bundle = client().search()
                .forResource(Communication.class)
                .where(Communication.SUBJECT.hasId(episode.patient().getReference()))
                .and(Communication.CATEGORY.exactly().code(category))
                .sort()
                .ascending("_lastUpdated")
                .count(200)
                .returnBundle(Bundle.class)
                .execute();
        List<Communication> found = new ArrayList<>();
        bundle.getEntry().forEach(e -> found.add((Communication) e.getResource()));
        return found.stream().filter(c -> c.getIdPart().startsWith("esc-")).toList();
    }

    List<Communication> alerts(EpisodeSpec episode) {
        return communications(episode, "alert");
    }

    static List<String> rulesOf(Communication communication) {
        return communication.getExtensionsByUrl(EscalationMessages.EXT_ESCALATION_RULE).stream()
                .map(e -> ((PrimitiveType<?>) e.getValue()).getValueAsString())
                .toList();
    }

    static boolean isAbout(Communication communication, String responseId) {
        return communication.getAbout().stream()
                .anyMatch(a -> a.getReferenceElement().getIdPart().equals(responseId));
    }

    /** The response items answering a Questionnaire's items, by linkId, groups kept where they hold an answer. */
    public static List<QuestionnaireResponseItemComponent> items(
            List<QuestionnaireItemComponent> defined, Map<String, Object> answers) {
        List<QuestionnaireResponseItemComponent> items = new ArrayList<>();
        for (QuestionnaireItemComponent definition : defined) {
            if (definition.getType() == Questionnaire.QuestionnaireItemType.GROUP) {
                List<QuestionnaireResponseItemComponent> children = items(definition.getItem(), answers);
                if (!children.isEmpty()) {
                    QuestionnaireResponseItemComponent group =
                            new QuestionnaireResponseItemComponent().setLinkId(definition.getLinkId());
                    group.getItem().addAll(children);
                    items.add(group);
                }
            } else if (answers.containsKey(definition.getLinkId())) {
                QuestionnaireResponseItemComponent item =
                        new QuestionnaireResponseItemComponent().setLinkId(definition.getLinkId());
                item.addAnswer().setValue(value(answers.get(definition.getLinkId())));
                items.add(item);
            }
        }
        return items;
    }

    static Type value(Object answer) {
        if (answer instanceof Type type) {
            return type;
        }
        if (answer instanceof Boolean bool) {
            return new BooleanType(bool);
        }
        if (answer instanceof Integer integer) {
            return new IntegerType(integer);
        }
        if (answer instanceof Double decimal) {
            return new DecimalType(decimal);
        }
        if (answer instanceof String code) {
            return new Coding(CHECK_IN_ANSWER, code, null);
        }
        throw new IllegalArgumentException("no FHIR type for " + answer);
    }
}
