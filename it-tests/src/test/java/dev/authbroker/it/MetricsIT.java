package dev.authbroker.it;

import static dev.authbroker.it.support.Broker.createTenant;
import static dev.authbroker.it.support.Popup.enc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authbroker.it.support.Broker;
import dev.authbroker.it.support.Broker.TestTenant;
import dev.authbroker.it.support.Deployments;
import dev.authbroker.it.support.Http;
import dev.authbroker.it.support.Popup;
import dev.authbroker.it.support.Simulator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker's own counters, in Prometheus text where the server exports its metrics (issue 13): Payara Micro's
 * MicroProfile Metrics at {@code /metrics}, WildFly's micrometer subsystem at {@code /metrics} of its management
 * interface. The names and tags are the same on both servers.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.broker();
    }

    /** The sum of every sample of {@code name} whose labels contain all of {@code labels} ({@code key="value"}). */
    private static double sample(String name, String... labels) {
        Http.Reply reply = Http.get(Broker.healthUrl("/metrics")).header("Accept", "text/plain").send();
        assertThat(reply.status()).as("metrics endpoint").isEqualTo(200);
        double sum = 0;
        for (String line : reply.body().split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            String labelSet = line.substring(name.length(), line.lastIndexOf('}') + 1);
            boolean matches = true;
            for (String label : labels) {
                matches &= labelSet.contains(label);
            }
            if (matches) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    @Test
    void signInsAreCountedByOutcomeAndErrorCode() {
        TestTenant tenant = createTenant();
        String userId = Long.toString(17_841_200_000_000L + (long) (Math.random() * 1e12));
        Simulator.get().registerUser(userId, "metrics_" + userId.substring(10), 1);
        double started = sample("authbroker_sign_ins_total", "outcome=\"started\"", "provider=\"instagram\"");
        double completed = sample("authbroker_sign_ins_total", "outcome=\"completed\"");
        double invalidState = sample("authbroker_sign_ins_total", "outcome=\"failed\"", "error=\"invalid_state\"");

        Http.Reply page = new Popup().signIn("apikey=" + enc(tenant.apiKey()) + "&origin=" + enc(tenant.origin()), userId);
        assertThat(Popup.session(page)).isNotBlank();
        Http.Reply forged = new Popup().callback(Broker.url("/api/client/instagram/authCallback/open?code=c&state=forged"));
        assertThat(forged.status()).isEqualTo(400);

        assertThat(sample("authbroker_sign_ins_total", "outcome=\"started\"", "provider=\"instagram\"")).isEqualTo(started + 1);
        assertThat(sample("authbroker_sign_ins_total", "outcome=\"completed\"")).isEqualTo(completed + 1);
        assertThat(sample("authbroker_sign_ins_total", "outcome=\"failed\"", "error=\"invalid_state\"")).isEqualTo(invalidState + 1);
    }

    @Test
    void metaCallbacksAreCountedByKindAndOutcome() {
        double rejected = sample("authbroker_meta_callbacks_total", "kind=\"data_deletion\"", "outcome=\"rejected\"");

        Http.Reply reply = Http.post(Broker.url("/api/client/instagram/data_deletion")).form("signed_request=not.signed").send();
        assertThat(reply.status()).isEqualTo(400);

        assertThat(sample("authbroker_meta_callbacks_total", "kind=\"data_deletion\"", "outcome=\"rejected\"")).isEqualTo(rejected + 1);
    }
}
