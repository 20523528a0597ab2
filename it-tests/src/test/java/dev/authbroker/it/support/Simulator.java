package dev.authbroker.it.support;

import dev.authbroker.simulator.InstagramSimulator;

/** The one Instagram simulator of the test run, on the port the broker was configured with. */
public final class Simulator {

    private static InstagramSimulator instance;

    private Simulator() {
    }

    static synchronized void start() {
        if (instance == null) {
            instance = InstagramSimulator.start("127.0.0.1", Integer.getInteger("it.simulator.port"));
            instance.registerApp("shared-app", "shared-app-secret", Broker.base() + "/api/client/instagram/authCallback/open");
            instance.setCdnBaseUrl(cdnBaseUrl());
        }
    }

    static synchronized void stop() {
        if (instance != null) {
            instance.close();
            instance = null;
        }
    }

    /** The CDN as the broker may fetch it: a host on authbroker.instagram.media-hosts (and allowed over http). */
    public static String cdnBaseUrl() {
        return "http://localhost:" + Integer.getInteger("it.simulator.port") + "/cdn";
    }

    public static synchronized InstagramSimulator get() {
        if (instance == null) {
            start();
        }
        return instance;
    }
}
