package org.spinefusion.careplan.service.escalation;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.spinefusion.careplan.pathway.Canonicals;
import org.springframework.stereotype.Component;

/**
 * Decides whether a submitted response may be stored: it answers a tailored Questionnaire of a known episode, is
 * about that episode's patient, the plan is not revoked, and its answers fit the Questionnaire. Anything else is a
 * 422 with an OperationOutcome, before anything is written.
 */
@Component
class ResponseIntake {

    private static final String OUR_PROFILES = Canonicals.BASE + "/StructureDefinition/";
    private static final String REVOKED =
            "the care plan of this Questionnaire is revoked; no more responses are taken for it";

    private final IntakeQueries queries;
    private final FhirContext fhirContext;
    private final ResponseReceipt receipt;
    private final ZoneId clinicZone;
    private final EscalationWording wording;

    ResponseIntake(
            IntakeQueries queries,
            FhirContext fhirContext,
            ResponseReceipt receipt,
            ZoneId clinicZone,
            EscalationWording wording) {
        this.queries = queries;
        this.fhirContext = fhirContext;
        this.receipt = receipt;
        this.clinicZone = clinicZone;
        this.wording = wording;
    }

    AcceptedResponse accept(QuestionnaireResponse response) {
        Instant received = receipt.now();
        ResponseProblems problems = new ResponseProblems();
        if (response.getStatus() != QuestionnaireResponseStatus.COMPLETED
                && response.getStatus() != QuestionnaireResponseStatus.AMENDED) {
            problems.add(
                    IssueType.BUSINESSRULE,
                    "QuestionnaireResponse.status",
                    "only completed or amended responses" + " are accepted");
        }
        Questionnaire questionnaire = questionnaire(response, problems);
        problems.throwIfAny(fhirContext);
        String value = Optional.ofNullable(tailoredIdentifier(questionnaire).getValue())
                .orElse("");
        int hash = value.lastIndexOf('#');
        Optional<EpisodeFacts> episode = episodeOf(questionnaire);
        if (episode.isEmpty()) {
            problems.add(
                    IssueType.NOTFOUND,
                    "QuestionnaireResponse.questionnaire",
                    "the Questionnaire belongs to no"
                            + " known episode; answer the Questionnaire of the patient's care plan");
            throw problems.toException(fhirContext);
        }
        if (!response.hasSubject() || !response.getSubject().hasReference()) {
            response.setSubject(new Reference(episode.get().patientReference()));
        }
        checkEpisode(response, questionnaire, episode.get(), problems);
        new AnswerChecker(problems, queries::valueSetCodes)
                .check(response.getItem(), questionnaire.getItem(), "QuestionnaireResponse");
        checkRequired(response, questionnaire.getItem(), problems);
        AcceptedResponse accepted =
                new AcceptedResponse(response, questionnaire, episode.get(), value.substring(hash + 1));
        if (accepted.isSymptomCheck()) {
            checkDay(response, questionnaire, episode.get(), received, problems);
        }
        problems.throwIfAny(fhirContext);
        normalise(response, questionnaire, received);
        return accepted;
    }

    /**
     * Form fillers (LHC-Forms, for one) do not set the subject: a response without one is about the patient of the
     * episode its Questionnaire was made for. Set before the SMART write check, which then holds a patient-context
     * token to that patient. Responses to a Questionnaire of no episode are left as they are, for intake to refuse.
     */
    void fillSubject(QuestionnaireResponse response) {
        if (response.hasSubject() && response.getSubject().hasReference()) {
            return;
        }
        Optional.ofNullable(response.getQuestionnaire())
                .flatMap(canonical -> queries.questionnaire(canonical.split("\\|", 2)[0]))
                .filter(questionnaire -> tailoredIdentifier(questionnaire) != null)
                .flatMap(this::episodeOf)
                .ifPresent(episode -> response.setSubject(new Reference(episode.patientReference())));
    }

    private Optional<EpisodeFacts> episodeOf(Questionnaire questionnaire) {
        String value = tailoredIdentifier(questionnaire).getValue();
        int hash = value == null ? -1 : value.lastIndexOf('#');
        return hash < 0 ? Optional.empty() : queries.episodeOfCarePlan(value.substring(0, hash));
    }

    /** The plan may have been revoked between intake and the episode lock; refuse then, as intake would have. */
    void recheckUnderLock(AcceptedResponse accepted) {
        boolean revoked = queries.episode(accepted.episode().episodeKey())
                .map(EpisodeFacts::revoked)
                .orElse(true);
        if (revoked) {
            ResponseProblems problems = new ResponseProblems();
            problems.add(IssueType.BUSINESSRULE, "QuestionnaireResponse.questionnaire", REVOKED);
            throw problems.toException(fhirContext);
        }
    }

    private Questionnaire questionnaire(QuestionnaireResponse response, ResponseProblems problems) {
        if (!response.hasQuestionnaire()) {
            problems.add(IssueType.REQUIRED, "QuestionnaireResponse.questionnaire", "the questionnaire is required");
            return null;
        }
        String url = response.getQuestionnaire().split("\\|", 2)[0];
        Optional<Questionnaire> found = queries.questionnaire(url);
        if (found.isEmpty() || tailoredIdentifier(found.get()) == null) {
            problems.add(
                    IssueType.NOTFOUND,
                    "QuestionnaireResponse.questionnaire",
                    "the questionnaire is not the" + " Questionnaire of a care plan here");
            return null;
        }
        return found.get();
    }

    private static Identifier tailoredIdentifier(Questionnaire questionnaire) {
        return questionnaire.getIdentifier().stream()
                .filter(id -> Canonicals.ID_QUESTIONNAIRE.equals(id.getSystem()))
                .findFirst()
                .orElse(null);
    }

    private static void checkEpisode(
            QuestionnaireResponse response,
            Questionnaire questionnaire,
            EpisodeFacts episode,
            ResponseProblems problems) {
        if (!episode.patientReference().equals(response.getSubject().getReference())) {
            problems.add(
                    IssueType.BUSINESSRULE,
                    "QuestionnaireResponse.subject",
                    "the Questionnaire belongs to the" + " care plan of another patient");
        }
        if (episode.revoked() || questionnaire.getStatus() == PublicationStatus.RETIRED) {
            problems.add(IssueType.BUSINESSRULE, "QuestionnaireResponse.questionnaire", REVOKED);
        }
    }

    /**
     * The symptom check's rules are post-operative: a response is judged on the clinic-local day the server received
     * it ({@link ResponseReceipt#judgedAt}: {@code authored} is the client's claim and counts only within a small skew
     * of receipt), which must be after the surgery and inside one of the plan's check-in windows for this
     * Questionnaire. Refused otherwise, so that a sign reported before the operation never reaches the surgeon on
     * call as a surgical alert, and the patient's app can say where to turn instead.
     */
    private void checkDay(
            QuestionnaireResponse response,
            Questionnaire questionnaire,
            EpisodeFacts episode,
            Instant received,
            ResponseProblems problems) {
        LocalDate day = ResponseReceipt.judgedAt(response.getAuthored(), received)
                .atZone(clinicZone)
                .toLocalDate();
        queries.carePlan(episode.carePlanId())
                .map(plan -> CheckInWindow.of(plan, episode.episodeKey(), questionnaire.getUrl()))
                .flatMap(window -> window.refusal(day, wording))
                .ifPresent(reason -> problems.add(IssueType.BUSINESSRULE, "QuestionnaireResponse.authored", reason));
    }

    /** Required items outside conditional (enableWhen) branches must be answered. */
    private static void checkRequired(
            QuestionnaireResponse response, List<QuestionnaireItemComponent> items, ResponseProblems problems) {
        for (QuestionnaireItemComponent item : items) {
            if (item.hasEnableWhen()) {
                continue;
            }
            if (item.getRequired() && !answered(response.getItem(), item.getLinkId())) {
                problems.add(
                        IssueType.REQUIRED,
                        "QuestionnaireResponse.item",
                        "item '" + item.getLinkId() + "' is required");
            }
            checkRequired(response, item.getItem(), problems);
        }
    }

    private static boolean answered(List<QuestionnaireResponseItemComponent> items, String linkId) {
        for (QuestionnaireResponseItemComponent item : items) {
            if (item.getLinkId().equals(linkId) && (item.hasAnswer() || item.hasItem())) {
                return true;
            }
            if (answered(item.getItem(), linkId)
                    || item.getAnswer().stream().anyMatch(a -> answered(a.getItem(), linkId))) {
                return true;
            }
        }
        return false;
    }

    /** One canonical form, so that responses to the same Questionnaire are found together. */
    private void normalise(QuestionnaireResponse response, Questionnaire questionnaire, Instant received) {
        response.setQuestionnaire(questionnaire.getUrl());
        // A form filler's own profile claim (LHC-Forms adds one) is not ours to vouch for; keep only our profiles.
        response.getMeta().getProfile().removeIf(profile -> !profile.getValue().startsWith(OUR_PROFILES));
        // No authored, or one later than receipt allows (a device clock ahead): the server's time stands in, so that
        // a response can never sort after the patient's later answers (%previous, the missed check-in count).
        if (!response.hasAuthored() || ResponseReceipt.isAhead(response.getAuthored(), received)) {
            response.setAuthored(Date.from(received));
        }
    }
}
