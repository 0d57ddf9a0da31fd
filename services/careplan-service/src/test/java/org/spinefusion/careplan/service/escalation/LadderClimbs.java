package org.spinefusion.careplan.service.escalation;

import java.time.Instant;
import java.util.Optional;
import org.hl7.fhir.r4.model.Communication;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * For tests outside this package: runs an escalation's acknowledgement window as db-scheduler would when it falls due,
 * at a time the test chooses, so they can see whether the escalation climbs.
 */
public final class LadderClimbs {

    private LadderClimbs() {}

    /** The id of the alert the climb sent, or empty when the escalation did not climb. */
    public static Optional<String> windowEnds(ApplicationContext context, String escalationId, int level, Instant now) {
        Escalator escalator = context.getBean(Escalator.class);
        Communication climbed = context.getBean(TransactionTemplate.class)
                .execute(status -> escalator.climbIfUnacknowledged(escalationId, level, now));
        return Optional.ofNullable(climbed).map(alert -> alert.getIdElement().getIdPart());
    }
}
