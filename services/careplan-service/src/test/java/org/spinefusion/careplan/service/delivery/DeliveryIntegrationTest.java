package org.spinefusion.careplan.service.delivery;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The service as in every integration test, with delivery tuned for tests: short timeouts, backoffs and leases, a
 * scheduler polling often, and fast detection of a dead scheduler. Delivery tests share this one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CarePlanIntegrationTest
@TestPropertySource(properties = DeliveryIntegrationTest.PROPERTIES)
@interface DeliveryIntegrationTest {

    String PROPERTIES = "db-scheduler.polling-interval=50ms\n"
            + "db-scheduler.threads=8\n"
            + "db-scheduler.polling-strategy=lock_and_fetch\n"
            + "db-scheduler.immediate-execution-enabled=true\n"
            + "db-scheduler.heartbeat-interval=500ms\n"
            + "db-scheduler.missed-heartbeats-limit=4\n"
            + "db-scheduler.shutdown-max-wait=1s\n"
            + "careplan.delivery.request-timeout=700ms\n"
            + "careplan.delivery.connect-timeout=500ms\n"
            + "careplan.delivery.lease=4s\n"
            + "careplan.delivery.backoff-base=50ms\n"
            + "careplan.delivery.backoff-max=2s\n"
            + "careplan.delivery.endpoint-cache-lifetime=300ms";
}
