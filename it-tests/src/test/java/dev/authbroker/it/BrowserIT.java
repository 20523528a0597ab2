package dev.authbroker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.authbroker.it.support.Broker;
import dev.authbroker.it.support.Broker.TestTenant;
import dev.authbroker.it.support.Browser;
import dev.authbroker.it.support.Deployments;
import dev.authbroker.it.support.Http;
import dev.authbroker.it.support.Simulator;
import dev.authbroker.it.support.StaticSite;
import dev.authbroker.it.support.TestDb;
import dev.authbroker.simulator.InstagramSimulator;
import java.nio.file.Path;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A tenant walks through the Developer Portal and a user through the demo picker, in a real headless Chromium.
 * Screenshots of every step land in it-tests/target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserIT {

    private static final int DEMO_PORT = 18090;
    private static final String DEMO_ORIGIN = "http://localhost:" + DEMO_PORT;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.broker();
    }

    @Test
    void tenantConfiguresThePortalThenAUserPicksAFileInTheDemoPicker() {
        assumeTrue(TestDb.isH2(), "one browser run per test command is enough; the database does not change the pages");
        InstagramSimulator instagram = Simulator.get();
        String userId = "1784" + (long) (Math.random() * 1e11);
        instagram.registerUser(userId, "browser_user", 8);
        TestTenant tenant = Broker.createTenant(DEMO_ORIGIN);
        String clientId = "5550" + (long) (Math.random() * 1e10);
        String secret = "portal-secret-" + Long.toHexString(System.nanoTime());
        instagram.registerApp(clientId, secret, Broker.url("/api/client/instagram/authCallback/open"));

        try (Browser browser = new Browser(); StaticSite demo = new StaticSite(Path.of(System.getProperty("it.demo.dir")), "/demo/", DEMO_PORT)) {
            var driver = browser.driver();

            driver.get(Broker.url("/portal/"));
            browser.waitFor(By.id("token"));
            browser.screenshot("portal-sign-in");
            browser.type(By.id("token"), tenant.secret());
            browser.type(By.id("tenant-id"), tenant.id());
            browser.click(By.id("sign-in"));
            browser.waitUntil(d -> d.findElement(By.id("tenant-name")).getText().equals(tenant.name()));
            browser.screenshot("portal-signed-in");

            browser.type(By.id("client-id"), clientId);
            browser.type(By.id("client-secret"), secret);
            browser.click(By.id("save-app"));
            browser.waitUntil(d -> d.findElement(By.id("app-status")).getText().contains("set"));
            assertThat(driver.findElement(By.id("app-status")).getText()).contains(clientId, "App Secret: set");
            assertThat(driver.findElement(By.id("client-secret")).getAttribute("value")).isEmpty();
            assertThat(driver.getPageSource()).doesNotContain(secret);
            browser.screenshot("portal-custom-auth-saved");

            browser.click(By.cssSelector("button[data-section='setup']"));
            browser.waitFor(By.id("redirect-uri-0"));
            assertThat(driver.findElement(By.id("redirect-uri-0")).getAttribute("value"))
                    .isEqualTo(Broker.url("/api/client/instagram/authCallback/open"));
            assertThat(driver.findElement(By.id("deauthorize-url-0")).getAttribute("value"))
                    .isEqualTo(Broker.url("/api/client/instagram/deauthorize/" + tenant.apiKey()));
            browser.screenshot("portal-setup-urls");

            browser.click(By.cssSelector("button[data-section='origins']"));
            browser.type(By.id("new-origin"), "https://second.example.test");
            browser.click(By.id("add-origin"));
            browser.click(By.id("save-origins"));
            browser.waitUntil(d -> d.findElement(By.id("message")).getText().contains("saved"));
            assertThat(Broker.admin("GET", "/tenants/" + tenant.id()).send().json().getJsonArray("origins").toString())
                    .contains(DEMO_ORIGIN, "https://second.example.test");
            browser.screenshot("portal-origins-saved");

            driver.get(DEMO_ORIGIN + "/demo/?apikey=" + tenant.apiKey() + "&broker=" + Broker.base());
            browser.waitFor(By.id("connect"));
            browser.screenshot("demo-start");
            String main = driver.getWindowHandle();
            browser.click(By.id("connect"));
            browser.waitUntil(d -> d.getWindowHandles().size() == 2);
            String popup = driver.getWindowHandles().stream().filter(h -> !h.equals(main)).findFirst().orElseThrow();
            driver.switchTo().window(popup);
            browser.waitFor(By.id("allow"));
            driver.findElement(By.id("user-" + userId)).click();
            browser.screenshot("simulator-consent");
            browser.click(By.id("allow"));
            driver.switchTo().window(main);
            browser.waitUntil(d -> d.findElements(By.cssSelector(".tile")).size() >= 8);
            assertThat(driver.findElement(By.id("username")).getText()).contains("browser_user");
            assertThat(Set.copyOf(instagram.clientIdsSeen("token"))).contains(clientId);
            browser.waitUntil(d -> !d.findElements(By.cssSelector(".tile[data-type='IMAGE'] img[src^='blob:']")).isEmpty());
            browser.screenshot("demo-media-grid");

            WebElement image = driver.findElement(By.cssSelector(".tile[data-type='IMAGE']"));
            image.findElement(By.cssSelector(".pick")).click();
            browser.click(By.id("download"));
            WebElement download = browser.waitFor(By.cssSelector("#downloads li"));
            String name = download.getAttribute("data-name");
            assertThat(name).isEqualTo(image.getAttribute("data-id") + ".png");
            assertThat(Integer.parseInt(download.getAttribute("data-size"))).isEqualTo(instagram.cdnFile(name).length);
            browser.screenshot("demo-downloaded");

            String session = (String) driver.executeScript("return sessionStorage.getItem('demo.session');");
            assertThat(session).startsWith("ps_");
            browser.click(By.id("disconnect"));
            browser.waitUntil(d -> d.findElement(By.id("status")).getText().startsWith("Disconnected"));
            assertThat(driver.findElement(By.id("status")).getText()).contains("https://www.instagram.com/accounts/manage_access/");
            assertThat(Http.get(Broker.url("/api/client/instagram/me")).bearer(session).send().status()).isEqualTo(401);
            browser.screenshot("demo-disconnected");
        }
    }

    @Test
    void portalPagesCarrySecurityHeaders() {
        Http.Reply portal = Http.get(Broker.url("/portal/")).send();
        assertThat(portal.status()).isEqualTo(200);
        assertThat(portal.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(portal.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(portal.body()).as("no third-party resources").doesNotContain("src=\"http", "href=\"http", "src=\"//", "href=\"//");
    }
}
