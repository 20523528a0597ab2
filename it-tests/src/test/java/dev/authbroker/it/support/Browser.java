package dev.authbroker.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (no browser or driver download), with a PNG of
 * each step under {@code it-tests/target/screenshots/} for a person to look at, and the browser console kept so a
 * test can assert that no page broke its Content-Security-Policy.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path userData;
    private final Path screenshots;
    private int step;

    public Browser() {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: the browser tests need Debian's packages "
                        + "chromium and chromium-driver (bin/install-deps installs them)");
            }
        }
        try {
            userData = Files.createTempDirectory("authbroker-chromium");
            screenshots = Path.of(System.getProperty("it.screenshots", "target/screenshots"));
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--disable-default-apps", "--disable-extensions", "--window-size=1280,900", "--lang=en-US",
                "--user-data-dir=" + userData);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            deleteUserData();
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Waits until the element is visible, and answers it. */
    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void waitUntil(Function<ChromeDriver, Boolean> condition) {
        new WebDriverWait(driver, PATIENCE).until(d -> condition.apply(driver));
    }

    /** Waits until the element's visible text contains {@code text}, and answers that text. */
    public String waitForText(By by, String text) {
        waitUntil(d -> d.findElements(by).stream().anyMatch(e -> e.getText().contains(text)));
        return driver.findElement(by).getText();
    }

    public void type(By by, String text) {
        WebElement field = waitFor(by);
        field.clear();
        field.sendKeys(text);
    }

    public void click(By by) {
        new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    public String value(By by) {
        return driver.findElement(by).getDomProperty("value");
    }

    public Object script(String javascript, Object... arguments) {
        return driver.executeScript(javascript, arguments);
    }

    /** Saves a PNG of the current window as {@code NN-name.png}; answers where. */
    public Path screenshot(String name) {
        step++;
        Path target = screenshots.resolve(String.format("%02d-%s.png", step, name));
        try {
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** The console messages (of every window) since the last call. */
    public List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::toString)
                .toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteUserData();
        }
    }

    private void deleteUserData() {
        try (Stream<Path> files = Files.walk(userData)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
