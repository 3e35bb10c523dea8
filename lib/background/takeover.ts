import { browser } from 'wxt/browser';

/**
 * Chrome does not run a new version's content scripts in tabs that were already open when the extension
 * was installed, updated or reloaded: those tabs keep the old script, cut off from the extension. So the
 * new version runs its scripts there itself. The old script steps aside when the new one starts (WXT's
 * content-script context hears it start), so a tab never shows two controls.
 */
export async function takeOverOpenPages(): Promise<void> {
  for (const script of browser.runtime.getManifest().content_scripts ?? []) {
    // Paths straight from the built manifest, so they name files that exist.
    const files = (script.js ?? []) as NonNullable<Parameters<typeof browser.scripting.executeScript>[0]['files']>;
    if (files.length === 0 || !script.matches?.length) continue;
    const tabs = await browser.tabs.query({ url: script.matches });
    await Promise.all(
      tabs.map((tab) =>
        tab.id === undefined
          ? undefined
          : // A tab that is loading, discarded or showing an error page cannot take a script; its next load runs it anyway.
            browser.scripting.executeScript({ target: { tabId: tab.id }, files }).catch(() => undefined),
      ),
    );
  }
}
