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
import dev.authbroker.it.support.TestDns;
import dev.authbroker.simulator.InstagramSimulator;
import jakarta.json.JsonString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A tenant walks through the Developer Portal, then a user through the demo picker, in a real headless Chromium.
 * The picker runs on an origin of its own (http://localhost:18090), so the sign-in popup's postMessage and the picker
 * API's CORS are exercised as a customer's site would. Screenshots of every step land in it-tests/target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserIT {

    private static final int DEMO_PORT = Integer.getInteger("it.demo.port", 18090);
    private static final String DEMO_ORIGIN = "http://localhost:" + DEMO_PORT;
    private static final String CALLBACK = "/api/client/instagram/authCallback/open";
    private static final String MANUAL_REVOKE_URL = "https://www.instagram.com/accounts/manage_access/";
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_HANDLER = Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

    private final InstagramSimulator instagram = Simulator.get();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.broker();
    }

    @Test
    void tenantConfiguresCustomAuthInThePortalThenAUserPicksAndDownloadsAFileInTheDemoPicker() {
        assumeTrue(TestDb.isH2(), "one browser run per test command: the pages do not depend on the database");
        String userId = "1784" + (long) (Math.random() * 1e11);
        instagram.registerUser(userId, "browser_user", 8);
        TestTenant tenant = Broker.createTenant(DEMO_ORIGIN);
        String clientId = "5550" + (long) (Math.random() * 1e10);
        String secret = "portal-secret-" + UUID.randomUUID();
        instagram.registerApp(clientId, secret, Broker.url(CALLBACK));

        try (Browser browser = new Browser();
             StaticSite demo = new StaticSite(Path.of(System.getProperty("it.demo.dir")), "/demo/", DEMO_PORT)) {
            try {
                signInToThePortal(browser, tenant);
                saveCustomAuth(browser, clientId, secret);
                seeTheMetaSetupUrls(browser, tenant, clientId);
                addAndVerifyADomain(browser, tenant);
                addAPickerOrigin(browser, tenant);
                seeTheAuditLogWithoutTheSecret(browser, secret);
                assertThat(browser.console()).as("portal console").noneMatch(BrowserIT::pageBroke);

                String session = connectInTheDemoPicker(browser, tenant, userId, clientId);
                seeBothInstagramIdsInThePortal(browser, tenant, userId, clientId);
                downloadAnImage(browser);
                disconnect(browser, session);
                assertThat(browser.console()).as("demo picker and popup console").noneMatch(BrowserIT::pageBroke);
            } catch (RuntimeException | AssertionError e) {
                try {
                    browser.screenshot("failed");
                } catch (RuntimeException screenshotFailed) {
                    e.addSuppressed(screenshotFailed);
                }
                throw e;
            }
        }
    }

    private void signInToThePortal(Browser browser, TestTenant tenant) {
        ChromeDriver driver = browser.driver();
        driver.get(Broker.url("/portal/"));
        browser.waitFor(By.id("token"));
        browser.screenshot("portal-sign-in");

        browser.type(By.id("token"), "not-a-token");
        browser.type(By.id("tenant-id"), tenant.id());
        browser.click(By.id("sign-in"));
        assertThat(browser.waitForText(By.id("message"), "[unauthorized]")).contains("not accepted");
        assertThat(driver.findElement(By.id("workspace")).isDisplayed()).isFalse();
        browser.screenshot("portal-wrong-token");

        browser.type(By.id("token"), tenant.secret());
        browser.type(By.id("tenant-id"), tenant.id());
        browser.click(By.id("sign-in"));
        browser.waitUntil(d -> d.findElement(By.id("tenant-name")).getText().equals(tenant.name()));
        assertThat(driver.findElement(By.id("tenant-apikey")).getText()).isEqualTo(tenant.apiKey());
        assertThat(browser.value(By.id("token"))).as("the token field is emptied").isEmpty();
        assertThat(browser.script("return sessionStorage.getItem('authbroker.portal.token');")).isEqualTo(tenant.secret());
        assertThat(browser.script("return localStorage.length;")).as("nothing kept beyond the tab").isEqualTo(0L);
        browser.waitForText(By.id("app-status"), "shared Instagram app");
        browser.screenshot("portal-signed-in");
    }

    private void saveCustomAuth(Browser browser, String clientId, String secret) {
        ChromeDriver driver = browser.driver();
        browser.type(By.id("client-id"), clientId);
        browser.type(By.id("client-secret"), secret);
        browser.click(By.id("save-app"));
        String status = browser.waitForText(By.id("app-status"), "Secret: set (updated ");
        assertThat(status).contains(clientId);
        assertThat(browser.value(By.id("client-secret"))).isEmpty();
        assertThat(driver.getPageSource()).doesNotContain(secret);
        assertThat(driver.findElement(By.id("remove-app")).isDisplayed()).isTrue();
        browser.screenshot("portal-custom-auth-saved");
    }

    private void seeTheMetaSetupUrls(Browser browser, TestTenant tenant, String clientId) {
        ChromeDriver driver = browser.driver();
        browser.click(By.cssSelector("button[data-section='setup']"));
        browser.waitFor(By.id("redirect-uri-0"));
        assertThat(browser.value(By.id("redirect-uri-0"))).isEqualTo(Broker.url(CALLBACK));
        assertThat(browser.value(By.id("deauthorize-url-0")))
                .isEqualTo(Broker.url("/api/client/instagram/deauthorize/" + tenant.apiKey()));
        assertThat(browser.value(By.id("data-deletion-url-0")))
                .isEqualTo(Broker.url("/api/client/instagram/data_deletion/" + tenant.apiKey()));
        assertThat(driver.findElement(By.cssSelector(".host[data-host='localhost']")).getText())
                .contains("your Custom Auth app", clientId);
        browser.screenshot("portal-setup-urls");
    }

    private void addAndVerifyADomain(Browser browser, TestTenant tenant) {
        ChromeDriver driver = browser.driver();
        String domain = "files-" + UUID.randomUUID().toString().substring(0, 8) + ".acme.test";
        browser.click(By.cssSelector("button[data-section='domains']"));
        browser.type(By.id("new-domain"), domain);
        browser.click(By.id("add-domain"));
        By row = By.cssSelector(".domain[data-hostname='" + domain + "']");
        browser.waitFor(row);
        assertThat(driver.findElement(row).getDomAttribute("data-status")).isEqualTo("pending");
        assertThat(driver.findElement(By.id("cname-target")).getText()).isEqualTo("localhost");
        assertThat(driver.findElement(By.id("cname-help")).getText()).contains("certificate is issued automatically");
        String txtName = browser.value(By.id("txt-name-0"));
        String txtValue = browser.value(By.id("txt-value-0"));
        assertThat(txtName).isEqualTo("_authbroker-challenge." + domain);
        assertThat(txtValue).isNotBlank();

        browser.click(By.cssSelector(".domain[data-hostname='" + domain + "'] button.verify"));
        browser.waitForText(By.id("message"), "[domain_not_verified]");
        browser.screenshot("portal-domain-pending");

        TestDns.get().setTxt(txtName, txtValue);
        browser.click(By.cssSelector(".domain[data-hostname='" + domain + "'] button.verify"));
        browser.waitFor(By.cssSelector(".domain[data-hostname='" + domain + "'][data-status='verified']"));
        assertThat(Broker.admin("GET", "/tenants/" + tenant.id() + "/domains").send().jsonArray().getJsonObject(0)
                .getString("status")).isEqualTo("verified");
        browser.screenshot("portal-domain-verified");

        browser.click(By.cssSelector("button[data-section='setup']"));
        browser.waitFor(By.cssSelector(".host[data-host='" + domain + "']"));
        assertThat(browser.value(By.id("redirect-uri-1"))).isEqualTo("https://" + domain + CALLBACK);
    }

    private void addAPickerOrigin(Browser browser, TestTenant tenant) {
        ChromeDriver driver = browser.driver();
        browser.click(By.cssSelector("button[data-section='origins']"));
        browser.waitFor(By.cssSelector("#origins-list li[data-origin='" + DEMO_ORIGIN + "']"));
        browser.type(By.id("new-origin"), "https://second.example.test");
        browser.click(By.id("add-origin"));
        assertThat(driver.findElement(By.id("origins-dirty")).isDisplayed()).isTrue();
        browser.click(By.id("save-origins"));
        browser.waitForText(By.id("message"), "Picker origins saved");
        assertThat(driver.findElement(By.id("origins-dirty")).isDisplayed()).isFalse();
        assertThat(Broker.admin("GET", "/tenants/" + tenant.id()).send().json().getJsonArray("origins")
                .getValuesAs(JsonString::getString))
                .containsExactly(DEMO_ORIGIN, "https://second.example.test");
        browser.screenshot("portal-origins-saved");
    }

    private void seeTheAuditLogWithoutTheSecret(Browser browser, String secret) {
        browser.click(By.cssSelector("button[data-section='audit']"));
        browser.waitFor(By.cssSelector("#audit-list tr[data-action='app.instagram.set']"));
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);
        browser.screenshot("portal-audit-log");
    }

    /** In a second tab signed in as the tenant: the connection lists both of Instagram's ids, labelled. */
    private void seeBothInstagramIdsInThePortal(Browser browser, TestTenant tenant, String userId, String clientId) {
        ChromeDriver driver = browser.driver();
        String demo = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(Broker.url("/portal/"));
        browser.script("sessionStorage.setItem('authbroker.portal.token', arguments[0]);"
                + "sessionStorage.setItem('authbroker.portal.tenant', arguments[1]);", tenant.secret(), tenant.id());
        driver.navigate().refresh();
        browser.waitUntil(d -> d.findElement(By.id("tenant-name")).getText().equals(tenant.name()));
        browser.click(By.cssSelector("button[data-section='connections']"));
        WebElement row = browser.waitFor(By.cssSelector("#connection-list tbody tr"));
        assertThat(driver.findElements(By.cssSelector("#connection-list th")).stream().map(WebElement::getText))
                .contains("Account ID", "App-scoped ID");
        assertThat(row.findElement(By.cssSelector(".account-id")).getText()).isEqualTo(userId);
        assertThat(row.findElement(By.cssSelector(".app-scoped-id")).getText()).isEqualTo(instagram.appScopedId(clientId, userId));
        browser.screenshot("portal-connection-ids");
        driver.close();
        driver.switchTo().window(demo);
    }

    /** Answers the picker session the popup handed to the demo page. */
    private String connectInTheDemoPicker(Browser browser, TestTenant tenant, String userId, String clientId) {
        ChromeDriver driver = browser.driver();
        driver.get(DEMO_ORIGIN + "/demo/?apikey=" + tenant.apiKey() + "&broker=" + Broker.base());
        browser.waitFor(By.id("connect"));
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("Not connected.");
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

        browser.waitUntil(d -> d.findElements(By.cssSelector("#grid .tile")).size() == 8);
        assertThat(driver.findElement(By.id("username")).getText()).isEqualTo("Connected as @browser_user");
        assertThat(instagram.clientIdsSeen("token")).contains(clientId);
        assertThat(driver.findElement(By.id("load-more")).isDisplayed()).as("8 items fit one page of 12").isFalse();
        assertThat(driver.findElements(By.cssSelector(".tile[data-type='VIDEO'] .placeholder"))).isNotEmpty();
        browser.waitUntil(d -> !d.findElements(By.cssSelector(".tile[data-type='IMAGE'] img[src^='blob:']")).isEmpty());
        browser.screenshot("demo-media-grid");

        String session = (String) browser.script("return sessionStorage.getItem('demo.session');");
        assertThat(session).startsWith("ps_");
        return session;
    }

    private void downloadAnImage(Browser browser) {
        ChromeDriver driver = browser.driver();
        WebElement image = driver.findElement(By.cssSelector(".tile[data-type='IMAGE']"));
        image.findElement(By.cssSelector(".pick")).click();
        assertThat(driver.findElement(By.id("picked-count")).getText()).isEqualTo("1 item picked.");
        browser.click(By.id("download"));
        WebElement row = browser.waitFor(By.cssSelector("#downloads li"));
        String name = row.getDomAttribute("data-name");
        assertThat(name).isEqualTo(image.getDomAttribute("data-id") + ".png");
        byte[] file = instagram.cdnFile(name);
        assertThat(file).isNotNull();
        assertThat(Integer.parseInt(row.getDomAttribute("data-size"))).isEqualTo(file.length);
        assertThat(row.getText()).contains(file.length + " bytes");
        assertThat(row.findElement(By.tagName("a")).getDomAttribute("href")).startsWith("blob:" + DEMO_ORIGIN);
        assertThat(driver.findElements(By.cssSelector("#downloads li"))).hasSize(1);
        browser.screenshot("demo-downloaded");
    }

    private void disconnect(Browser browser, String session) {
        ChromeDriver driver = browser.driver();
        browser.click(By.id("disconnect"));
        String status = browser.waitForText(By.id("status"), "Disconnected");
        assertThat(status).startsWith("Disconnected").contains(MANUAL_REVOKE_URL);
        assertThat(driver.findElement(By.id("revoke-link")).getDomAttribute("href")).isEqualTo(MANUAL_REVOKE_URL);
        assertThat(driver.findElement(By.id("connect")).isDisplayed()).isTrue();
        assertThat(driver.findElements(By.cssSelector("#grid .tile"))).isEmpty();
        assertThat(browser.script("return sessionStorage.getItem('demo.session');")).isNull();
        assertThat(Http.get(Broker.url("/api/client/instagram/me")).bearer(session).send().status()).isEqualTo(401);
        browser.screenshot("demo-disconnected");
    }

    /** A console message that means a page broke: a CSP violation or an uncaught script error. */
    private static boolean pageBroke(String message) {
        return message.contains("Content Security Policy") || message.contains("Uncaught");
    }

    @Test
    void portalPagesCarrySecurityHeadersAndLoadOnlyTheirOwnFiles() {
        Http.Reply portal = Http.get(Broker.url("/portal/")).send();
        assertThat(portal.status()).isEqualTo(200);
        assertThat(portal.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(portal.header("Content-Security-Policy")).doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(portal.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(portal.body()).as("no third-party resources")
                .doesNotContain("src=\"http", "href=\"http", "src=\"//", "href=\"//");
        assertThat(portal.body()).doesNotContainPattern(INLINE_SCRIPT).doesNotContainPattern(INLINE_HANDLER);
        for (String file : List.of("portal.js", "portal.css")) {
            Http.Reply reply = Http.get(Broker.url("/portal/" + file)).send();
            assertThat(reply.status()).as(file).isEqualTo(200);
            assertThat(reply.header("Content-Type")).as(file).contains(file.endsWith(".js") ? "javascript" : "text/css");
        }
    }

    @Test
    void demoPickerHasNoInlineScriptsOrHandlers() throws IOException {
        String page = Files.readString(Path.of(System.getProperty("it.demo.dir"), "index.html"));
        assertThat(page).doesNotContainPattern(INLINE_SCRIPT).doesNotContainPattern(INLINE_HANDLER);
        assertThat(page).contains("<script src=\"demo.js\"", "script-src 'self'");
        assertThat(page).doesNotContain("src=\"http", "href=\"http", "src=\"//", "href=\"//");
    }
}
