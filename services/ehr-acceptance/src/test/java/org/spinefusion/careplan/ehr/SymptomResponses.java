package org.spinefusion.careplan.ehr;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Type;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.plan.EpisodeIds;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;

/** A completed post-operative symptom check for an episode, in its tailored Questionnaire's item structure. */
final class SymptomResponses {

    /** Fever with a red wound: a warning sign that raises an alert. */
    static final Map<String, Object> FEVER_WITH_REDNESS =
            Map.of("temperature-taken", true, "temperature", 38.6, "wound-redness", true, "pain-score", 2);

    private SymptomResponses() {}

    static QuestionnaireResponse symptoms(IGenericClient api, EpisodeSpec episode, Map<String, Object> answers) {
        String id = new EpisodeIds(episode.episodeKey()).questionnaireId("postop-symptom-check");
        Questionnaire questionnaire =
                api.read().resource(Questionnaire.class).withId(id).execute();
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setQuestionnaire(Canonicals.BASE + "/Questionnaire/" + id);
        response.setSubject(episode.patient());
        response.getItem().addAll(items(questionnaire.getItem(), answers));
        return response;
    }

    private static List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items(
            List<Questionnaire.QuestionnaireItemComponent> defined, Map<String, Object> answers) {
        List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items = new ArrayList<>();
        for (Questionnaire.QuestionnaireItemComponent definition : defined) {
            if (definition.getType() == Questionnaire.QuestionnaireItemType.GROUP) {
                List<QuestionnaireResponse.QuestionnaireResponseItemComponent> children =
                        items(definition.getItem(), answers);
                if (!children.isEmpty()) {
                    QuestionnaireResponse.QuestionnaireResponseItemComponent group =
                            new QuestionnaireResponse.QuestionnaireResponseItemComponent()
                                    .setLinkId(definition.getLinkId());
                    group.getItem().addAll(children);
                    items.add(group);
                }
            } else if (answers.containsKey(definition.getLinkId())) {
                QuestionnaireResponse.QuestionnaireResponseItemComponent item =
                        new QuestionnaireResponse.QuestionnaireResponseItemComponent()
                                .setLinkId(definition.getLinkId());
                item.addAnswer().setValue(value(answers.get(definition.getLinkId())));
                items.add(item);
            }
        }
        return items;
    }

    private static Type value(Object answer) {
        if (answer instanceof Boolean bool) {
            return new BooleanType(bool);
        }
        if (answer instanceof Integer integer) {
            return new IntegerType(integer);
        }
        if (answer instanceof Double decimal) {
            return new DecimalType(decimal);
        }
        throw new IllegalArgumentException("no FHIR type for " + answer);
    }
}
