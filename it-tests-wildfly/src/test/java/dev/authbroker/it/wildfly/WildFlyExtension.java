package dev.authbroker.it.wildfly;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link WildFlyContainer} with Arquillian. */
public class WildFlyExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, WildFlyContainer.class);
    }
}
