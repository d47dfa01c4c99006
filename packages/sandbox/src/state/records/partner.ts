/** Records of the Platform API: installs, project links and webhook endpoints. */

export interface InstallRecord {
  id: string;
  /** The employer account that granted the install. */
  accountId: string;
  /** The install-scoped `ot_ptk_…` token. */
  token: string;
  scopes: string[];
  createdAt: string;
}
