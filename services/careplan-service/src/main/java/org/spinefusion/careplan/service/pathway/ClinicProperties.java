package org.spinefusion.careplan.service.pathway;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param clinicTimeZone the zone of local clock times in the pathway, such as 09:00 send times */
@ConfigurationProperties("careplan")
record ClinicProperties(@DefaultValue("UTC") ZoneId clinicTimeZone) {}
