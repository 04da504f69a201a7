/**
 * Lepton's own downloads, bounded: {@link ai.lepton.train.download.Downloader} fetches a URL into a file with a size
 * limit and a timeout (the settings {@code LEPTON_DOWNLOAD_LIMIT} and {@code LEPTON_DOWNLOAD_TIMEOUT}), follows
 * redirects only within the URL's host and port, checks an optional {@link ai.lepton.base.Sha256}, stops at a thread
 * interrupt, and renames the file into place only when it is complete. {@link ai.lepton.train.download.DownloadCache}
 * keeps downloads under {@code LEPTON_HOME/downloads}: re-hashed on use when a digest is asked, fetched once by threads
 * and processes that need the same one at once, partial files of killed downloads swept away. Every message shows a URL
 * as {@link ai.lepton.train.download.ShownUrl} does, without its user information and query. A {@link
 * ai.lepton.train.download.DownloadView} shows each download as it runs (in a notebook one display updated in place,
 * provided as a service; elsewhere a few lines). Nothing here knows what is downloaded: {@code pretrained:} URLs use it
 * today.
 */
package ai.lepton.train.download;
