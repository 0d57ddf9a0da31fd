/**
 * Stage four, record: the {@code delivery} table is the ledger of what each EHR holds (its ids and versions) and the
 * state of each delivery ({@link org.spinefusion.careplan.service.delivery.ledger.DeliveryState}, with the moves it
 * allows); held deliveries carry a {@link org.spinefusion.careplan.service.delivery.ledger.HoldReason}.
 */
package org.spinefusion.careplan.service.delivery.ledger;
