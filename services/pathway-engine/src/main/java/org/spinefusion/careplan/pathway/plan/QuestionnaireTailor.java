package org.spinefusion.careplan.pathway.plan;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.fhirpath.FhirPathConditions;
import org.spinefusion.careplan.pathway.narrative.Xhtml;

/**
 * Makes the episode's own copy of a base Questionnaire: items whose applicability does not hold for this
 * surgery (for example swallowing questions after a lumbar fusion) are left out.
 */
final class QuestionnaireTailor {

    private final FhirPathConditions conditions;

    QuestionnaireTailor(FhirPathConditions conditions) {
        this.conditions = conditions;
    }

    Questionnaire tailor(PlanContext plan, Questionnaire base) {
        String baseId = base.getIdElement().getIdPart();
        String id = plan.ids().questionnaireId(baseId);
        Questionnaire tailored = new Questionnaire();
        tailored.setId(id);
        tailored.getMeta().addProfile(Canonicals.PROFILE_QUESTIONNAIRE);
        tailored.setUrl(Canonicals.BASE + "/Questionnaire/" + id);
        tailored.setVersion(base.getVersion());
        tailored.addIdentifier(plan.ids().questionnaireIdentifier(baseId));
        tailored.setName(base.getName());
        tailored.setTitle(base.getTitle());
        tailored.addDerivedFrom(base.getUrl() + "|" + base.getVersion());
        tailored.setStatus(plan.cancelled() ? PublicationStatus.RETIRED : PublicationStatus.ACTIVE);
        tailored.setSubjectType(base.getSubjectType());
        tailored.setPublisher(base.getPublisher());
        tailored.setDescription(base.getDescription());
        tailored.setCode(base.getCode());
        Map<String, ServiceRequest> variables = Map.of("surgery", plan.episode().request());
        for (QuestionnaireItemComponent item : base.getItem()) {
            if (applies(item, variables)) {
                tailored.addItem(copyApplicable(item, variables));
            }
        }
        tailored.setText(narrative(tailored));
        return tailored;
    }

    private QuestionnaireItemComponent copyApplicable(
            QuestionnaireItemComponent item, Map<String, ServiceRequest> variables) {
        QuestionnaireItemComponent copy = item.copy();
        copy.getExtension().removeIf(e -> Canonicals.EXT_ITEM_APPLICABILITY.equals(e.getUrl()));
        copy.getItem().clear();
        for (QuestionnaireItemComponent child : item.getItem()) {
            if (applies(child, variables)) {
                copy.addItem(copyApplicable(child, variables));
            }
        }
        return copy;
    }

    private boolean applies(QuestionnaireItemComponent item, Map<String, ServiceRequest> variables) {
        Extension applicability = item.getExtensionByUrl(Canonicals.EXT_ITEM_APPLICABILITY);
        if (applicability == null || !(applicability.getValue() instanceof Expression expression)) {
            return true;
        }
        return conditions.isTrue(expression.getExpression(), variables.get("surgery"), variables);
    }

    private static Narrative narrative(Questionnaire questionnaire) {
        Xhtml div = Xhtml.div().heading(questionnaire.getTitle()).paragraph(questionnaire.getDescription());
        addRows(div.table("Question", "Answer type"), questionnaire.getItem(), "");
        return div.toNarrative();
    }

    private static void addRows(Xhtml.Table table, List<QuestionnaireItemComponent> items, String indent) {
        for (QuestionnaireItemComponent item : items) {
            table.row(
                    indent + item.getText(),
                    item.getType() == null ? "" : item.getType().getDisplay());
            addRows(table, item.getItem(), indent + "- ");
        }
    }
}
