// The options page's states for `npm start -- --screenshots`: first run (what a new user sees first, at 1280×900)
// and the access-key form after Save with every field problem shown, each in light and dark.
import { join } from 'node:path';

/** Writes state-options-first-run-<mode>.png and state-options-form-errors-<mode>.png to `dir`. */
export async function captureOptionsStates(driver, dir) {
  const options = await driver.openExtensionPage('options/options.html');
  const shoot = async (state) => {
    for (const mode of ['light', 'dark']) {
      await options.raw.emulateMedia({ colorScheme: mode });
      await options.raw.screenshot({ path: join(dir, `state-options-${state}-${mode}.png`), fullPage: true });
    }
  };
  await options.waitForText('wd-profile-none');
  await options.waitForText('wd-setting-panel-mode');
  await shoot('first-run');
  await options.click('wd-profile-add-keys');
  await options.click('wd-profile-save');
  await options.waitFor(() => document.querySelector('[aria-invalid="true"]') !== null, null, { what: 'the form errors' });
  await shoot('form-errors');
  await options.close();
}
