package org.spinefusion.careplan.service.escalation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.spinefusion.careplan.service.escalation.EscalationConfiguration.RuleBook;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes in one response: checks it, then in one transaction stores it with its measured Observations and milestone
 * progress, evaluates the rules against it and the patient's previous response, and raises an escalation for the
 * findings not already open. When the call returns, the escalation is committed.
 */
@Service
class ResponseProcessor {

    private final ResponseIntake intake;
    private final IntakeQueries queries;
    private final ResourceRepository resources;
    private final EscalationStore store;
    private final Escalator escalator;
    private final RuleBook rules;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final EscalationWording wording;

    ResponseProcessor(
            ResponseIntake intake,
            IntakeQueries queries,
            ResourceRepository resources,
            EscalationStore store,
            Escalator escalator,
            RuleBook rules,
            TransactionTemplate transaction,
            Clock clock,
            EscalationWording wording) {
        this.wording = wording;
        this.intake = intake;
        this.queries = queries;
        this.resources = resources;
        this.store = store;
        this.escalator = escalator;
        this.rules = rules;
        this.transaction = transaction;
        this.clock = clock;
    }

    QuestionnaireResponse create(QuestionnaireResponse submitted) {
        submitted.setId("qr-" + UUID.randomUUID());
        AcceptedResponse accepted = intake.accept(submitted);
        return transaction.execute(status -> store(accepted));
    }

    private QuestionnaireResponse store(AcceptedResponse accepted) {
        QuestionnaireResponse response = accepted.response();
        EpisodeFacts episode = accepted.episode();
        Instant now = clock.instant();
        queries.lockEpisode(episode.episodeKey());
        intake.recheckUnderLock(accepted);
        QuestionnaireResponse previous = accepted.isSymptomCheck()
                ? queries.previousResponse(
                                response.getSubject().getReference(),
                                response.getQuestionnaire(),
                                response.getIdElement().getIdPart(),
                                response.getAuthored().toInstant())
                        .orElse(null)
                : null;
        List<Observation> observations = MeasuredFindings.of(accepted, wording);
        List<Goal> goals =
                accepted.isMilestoneCheckIn() ? MilestoneProgress.update(accepted, resources, wording) : List.of();
        List<Resource> toSave = new ArrayList<>();
        toSave.add(response);
        toSave.addAll(observations);
        toSave.addAll(goals);
        resources.saveAll(toSave);
        // Any answer from the patient ends the missed check-in escalations of the episode.
        store.resolveFindings(episode.episodeKey(), timedRuleIds(), now);
        if (!accepted.isSymptomCheck()) {
            return response;
        }
        Map<String, Base> variables = new HashMap<>();
        variables.put("response", response);
        variables.put("previous", previous);
        List<EscalationRule> firing = rules.responses().firing(response, variables);
        if (firing.isEmpty()) {
            return response;
        }
        Set<String> open = store.openFindings(episode.episodeKey());
        List<EscalationRule> fresh =
                firing.stream().filter(rule -> !open.contains(rule.id())).toList();
        if (fresh.isEmpty()) {
            return response;
        }
        List<Reference> about = new ArrayList<>();
        about.add(
                new Reference("QuestionnaireResponse/" + response.getIdElement().getIdPart() + "/_history/"
                        + response.getMeta().getVersionId()));
        observations.forEach(
                o -> about.add(new Reference("Observation/" + o.getIdElement().getIdPart())));
        EscalationDraft draft = new EscalationDraft(
                "esc-" + UUID.randomUUID().toString().substring(0, 23),
                episode,
                fresh,
                about,
                MeasuredFindings.facts(observations),
                rules.responses(),
                now);
        escalator.raise(draft, source(response));
        return response;
    }

    private List<String> timedRuleIds() {
        return rules.timed().all().stream().map(EscalationRule::id).toList();
    }

    /** Who sent it, for the Provenance: the EHR's endpoint (meta.source) or the author or source reference. */
    private static String source(QuestionnaireResponse response) {
        if (response.getMeta().hasSource()) {
            return response.getMeta().getSource();
        }
        if (response.hasAuthor() && response.getAuthor().hasReference()) {
            return response.getAuthor().getReference();
        }
        return response.hasSource() && response.getSource().hasReference()
                ? response.getSource().getReference()
                : null;
    }
}
