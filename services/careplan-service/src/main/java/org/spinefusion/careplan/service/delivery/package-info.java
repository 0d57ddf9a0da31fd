/**
 * Delivery of everything the service produces to each registered EHR endpoint, at least once and idempotently,
 * escalations first. The sub-packages are the stages a resource passes: {@code queue} (the outbox in the writing
 * transaction, priority and order), {@code translate} (the EHR's references and Patients), {@code send} (HTTP,
 * tokens, rate limits, backoff, native or note writes), {@code ledger} (what each EHR holds, each delivery's state),
 * {@code watch} (acknowledgements made at the EHR); {@code endpoints} and {@code admin} serve them all. Here, {@link
 * org.spinefusion.careplan.service.delivery.DeliveryWorker} runs one db-scheduler task through the stages. See {@code
 * docs/delivery.md}.
 */
package org.spinefusion.careplan.service.delivery;
