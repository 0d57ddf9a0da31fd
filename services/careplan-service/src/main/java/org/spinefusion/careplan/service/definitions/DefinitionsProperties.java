package org.spinefusion.careplan.service.definitions;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param seedOnStartup write the package's definitions into storage when the service starts */
@ConfigurationProperties("careplan.definitions")
record DefinitionsProperties(@DefaultValue("true") boolean seedOnStartup) {}
