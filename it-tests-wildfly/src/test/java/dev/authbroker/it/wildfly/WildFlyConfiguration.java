package dev.authbroker.it.wildfly;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/** Everything comes from system properties that failsafe sets (see it-tests-wildfly/pom.xml). */
public class WildFlyConfiguration implements ContainerConfiguration {

    @Override
    public void validate() throws ConfigurationException {
        for (String key : new String[] {"it.wildfly.home", "it.wildfly.base", "it.wildfly.offset", "it.broker.config"}) {
            if (System.getProperty(key) == null) {
                throw new ConfigurationException("system property " + key + " is not set");
            }
        }
    }
}
