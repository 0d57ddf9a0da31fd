package org.spinefusion.careplan.service.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.testing.Engines;

/**
 * What a clinician or patient reads in an escalation is the text of CodeSystem escalation-wording in fhir-profiles:
 * the emitted text equals the artifact's, and a changed artifact changes what is sent, without a change to the code.
 */
class EscalationWordingTest {

    static final Instant NOW = Instant.parse("2027-03-16T15:00:00Z");
    static final Map<String, Object> FEVER = Map.of("temperature-taken", true, "temperature", 38.6);

    private static CodeSystem artifact() {
        return Engines.pathwayPackage()
                .byCanonical(EscalationWording.CODE_SYSTEM, CodeSystem.class)
                .orElseThrow()
                .copy();
    }

    /** The artifact's text for a code, with the values filled in as the artifact's definition says. */
    private static String artifactText(CodeSystem wording, String code, Map<String, String> values) {
        String text = wording.getConcept().stream()
                .filter(c -> c.getCode().equals(code))
                .findFirst()
                .orElseThrow()
                .getDisplay();
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{" + value.getKey() + "}", value.getValue());
        }
        return text;
    }

    private static EscalationDraft draft(Map<String, Object> answers) {
        return new EscalationDraft(
                "esc-test",
                new EpisodeFacts("urn:test|ORD-1", "Patient/p-1", "cp-1", "active"),
                RuleBookFixture.firing(answers),
                List.of(new Reference("QuestionnaireResponse/qr-1/_history/1")),
                List.of("Body temperature 38.6 °C"),
                RuleBookFixture.RULES,
                NOW);
    }

    private static Duration window(Priority priority) {
        return EscalationPolicy.of(Engines.pathwayPackage()
                        .byCanonical(EscalationRules.RESPONSE_RULES, PlanDefinition.class)
                        .orElseThrow())
                .ackWindow(priority);
    }

    private static EscalationMessages messages(CodeSystem wording) {
        return new EscalationMessages(Engines.pathwayPackage(), EscalationWording.of(wording));
    }

    @Test
    void theArtifactHoldsEveryTextTheServiceUsesAndNoOther() {
        assertThat(artifact().getConcept().stream().map(CodeSystem.ConceptDefinitionComponent::getCode))
                .containsExactlyInAnyOrderElementsOf(EscalationWording.codes());
    }

    @Test
    void theAlertTaskAndInstructionAreMadeOfTheArtifactsTexts() {
        CodeSystem wording = artifact();
        EscalationDraft draft = draft(FEVER);
        Duration window = window(draft.priority());
        EscalationMessages messages = messages(wording);

        Communication alert = messages.alert(draft, List.of("triage-nurse", "surgeon-on-call"), 0, window);

        String expected = artifactText(
                        wording,
                        "alert-headline",
                        Map.of("priority", "URGENT", "finding", draft.lead().title()))
                + ". " + draft.lead().summary()
                + " " + artifactText(wording, "alert-reported", Map.of("facts", "Body temperature 38.6 °C"))
                + " " + artifactText(wording, "acknowledge-within", Map.of("window", "4 h", "task", "esc-test-ack"));
        assertThat(alert.getPayloadFirstRep().getContentStringType().getValue()).isEqualTo(expected);
        assertThat(narrative(alert.getText().getDiv()))
                .contains(artifactText(wording, "alert-for-label", Map.of()))
                .contains(artifactText(wording, "alert-patient-told-label", Map.of()));

        Task task = messages.acknowledgementTask(draft, alert, "triage-nurse", NOW.plus(window));
        assertThat(task.getCode().getText()).isEqualTo(artifactText(wording, "task-title", Map.of()));
        assertThat(narrative(task.getText().getDiv()))
                .contains(artifactText(
                        wording, "task-heading", Map.of("finding", draft.lead().title())));

        Communication instruction = messages.patientInstruction(draft);
        assertThat(narrative(instruction.getText().getDiv()))
                .startsWith(artifactText(wording, "patient-heading", Map.of()));
    }

    @Test
    void aChangedTextInTheArtifactChangesWhatIsSent() {
        CodeSystem changed = artifact();
        changed.getConcept().forEach(concept -> {
            switch (concept.getCode()) {
                case "acknowledge-within" -> concept.setDisplay("Answer Task/{task} within {window}.");
                case "patient-heading" -> concept.setDisplay("Do this now");
                case "not-acknowledged" -> concept.setDisplay("{role} did not answer in {window}.");
                default -> {}
            }
        });
        EscalationDraft draft = draft(FEVER);
        EscalationMessages messages = messages(changed);

        assertThat(messages.alert(draft, List.of("triage-nurse", "surgeon-on-call"), 0, Duration.ofHours(4))
                        .getPayloadFirstRep()
                        .getContentStringType()
                        .getValue())
                .endsWith(" Answer Task/esc-test-ack within 4 h.");
        assertThat(narrative(messages.patientInstruction(draft).getText().getDiv()))
                .startsWith("Do this now");
        assertThat(messages.notAcknowledged("triage-nurse", Duration.ofHours(4)))
                .isEqualTo("Triage nurse did not answer in 4 h.");
    }

    @Test
    void theProvenanceSpeaksTheArtifactsWords() {
        CodeSystem wording = artifact();
        Provenance provenance = EscalationProvenance.of(
                EscalationWording.of(wording), "esc-test-prov-ack", List.of(), List.of(), null, null, NOW, "why");
        assertThat(provenance.getAgentFirstRep().getWho().getDisplay())
                .isEqualTo(artifactText(wording, "provenance-assembler", Map.of()));
        assertThat(narrative(provenance.getText().getDiv()))
                .startsWith(artifactText(wording, "provenance-heading", Map.of()));
    }

    @Test
    void aRefusedSymptomCheckIsToldTheArtifactsReason() {
        CodeSystem wording = artifact();
        LocalDate surgery = LocalDate.of(2027, 3, 14);
        CheckInWindow window =
                new CheckInWindow(surgery, List.of(new CheckInWindow.Days(surgery.plusDays(1), surgery.plusDays(14))));

        assertThat(window.refusal(surgery, EscalationWording.of(wording)))
                .contains(artifactText(
                        wording, "check-in-before-surgery", Map.of("surgery", "2027-03-14", "opens", "2027-03-15")));
        assertThat(window.refusal(surgery.plusDays(20), EscalationWording.of(wording)))
                .contains(artifactText(wording, "check-in-ended", Map.of("closes", "2027-03-28")));
        assertThat(window.refusal(surgery.plusDays(2), EscalationWording.of(wording)))
                .isEmpty();
    }

    @Test
    void aMissingTextOrAPlaceholderTheServiceDoesNotFillStopsTheStart() {
        CodeSystem missing = artifact();
        missing.getConcept().removeIf(concept -> concept.getCode().equals("alert-headline"));
        assertThatThrownBy(() -> EscalationWording.of(missing)).hasMessageContaining("alert-headline");

        CodeSystem unknown = artifact();
        unknown.getConcept().stream()
                .filter(concept -> concept.getCode().equals("acknowledge-within"))
                .forEach(concept -> concept.setDisplay("Acknowledge within {wundow}."));
        assertThatThrownBy(() -> EscalationWording.of(unknown)).hasMessageContaining("{wundow}");
    }

    private static String narrative(org.hl7.fhir.utilities.xhtml.XhtmlNode div) {
        return div.allText();
    }
}
