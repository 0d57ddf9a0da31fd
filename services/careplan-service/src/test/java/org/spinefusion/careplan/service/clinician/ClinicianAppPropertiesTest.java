package org.spinefusion.careplan.service.clinician;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClinicianAppPropertiesTest {

    @Test
    void letsTheServiceAndTheConfiguredEhrsFrameTheApp() {
        assertThat(new ClinicianAppProperties(null).frameAncestorsDirective()).isEqualTo("frame-ancestors 'self'");
        assertThat(new ClinicianAppProperties(
                                List.of(" https://ehr.example.org ", "", "https://*.hospital.example:8443"))
                        .frameAncestorsDirective())
                .isEqualTo("frame-ancestors 'self' https://ehr.example.org https://*.hospital.example:8443");
    }

    @Test
    void refusesAnythingButAnOriginSinceItGoesIntoAHeader() {
        for (String bad : List.of(
                "*",
                "ehr.example.org",
                "https://ehr.example.org/path",
                "https://a.org; script-src *",
                "'unsafe-inline'",
                "https://ehr.example.org\r\nX-Evil: 1")) {
            assertThatThrownBy(() -> new ClinicianAppProperties(List.of(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
