/** The CLI's version, as `calm-cite --version` and SARIF's driver.version report it (package.json's). */
export const VERSION = '0.1.0';
