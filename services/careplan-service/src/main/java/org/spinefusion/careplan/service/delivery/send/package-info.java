/**
 * Stage three, send: the HTTP client for EHR endpoints with SMART Backend Services tokens (our signing keys, served as
 * JWKS), the rate limit per endpoint, the retry backoff, and the two ways of writing (the resource itself, or a
 * clinical note where the EHR only reads plans), each answering a {@link
 * org.spinefusion.careplan.service.delivery.send.WriteResult}.
 */
package org.spinefusion.careplan.service.delivery.send;
