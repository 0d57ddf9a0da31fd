/**
 * Delivery of everything the service produces to each registered EHR endpoint, at least once and idempotently,
 * escalations first. {@link org.spinefusion.careplan.service.delivery.DeliveryOutbox} hears every resource version
 * storage writes and, in the same transaction, records a pending delivery per routed endpoint and schedules a
 * db-scheduler task for it. {@link org.spinefusion.careplan.service.delivery.DeliveryWorker} runs those tasks: it
 * chooses per endpoint between native writes and a clinical note from the endpoint's CapabilityStatement, keeps a
 * ledger of the ids the EHR assigned, retries with backoff, honours Retry-After and dead-letters what will not heal.
 * Endpoints authenticate the service with SMART Backend Services (private_key_jwt); the public keys are served at
 * {@code /.well-known/jwks.json}. See {@code docs/delivery.md}.
 */
package org.spinefusion.careplan.service.delivery;
