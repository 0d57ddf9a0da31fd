/**
 * Stage one, queue and order: {@link org.spinefusion.careplan.service.delivery.queue.DeliveryOutbox} hears every
 * resource version storage writes and, in the same transaction, records a pending delivery per routed endpoint and
 * schedules its db-scheduler task; escalations, and what they reference in the same write, go with high priority, and
 * their commit wakes the scheduler. {@link org.spinefusion.careplan.service.delivery.queue.DeliveryClassifier} says
 * what is deliverable, whose it is, what it references and when it is due.
 */
package org.spinefusion.careplan.service.delivery.queue;
