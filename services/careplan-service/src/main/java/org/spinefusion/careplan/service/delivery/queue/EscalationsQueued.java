package org.spinefusion.careplan.service.delivery.queue;

import java.util.List;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryKey;

/**
 * The escalation deliveries one write queued (alerts, their Tasks, and what they reference), published inside the
 * writing transaction so that listeners can act once it has committed.
 */
public record EscalationsQueued(List<DeliveryKey> keys) {}
