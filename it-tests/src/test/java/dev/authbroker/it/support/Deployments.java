package dev.authbroker.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The production WAR exactly as the build produced it: black-box tests deploy nothing else. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive broker() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }
}
