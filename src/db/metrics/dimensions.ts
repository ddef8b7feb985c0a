/** The segment or CSM of a retention_monthly row that rolls up every value of that dimension. */
export const ALL = 'all'
/** The CSM of accounts that have no owner in the CRM. */
export const NO_CSM = 'none'
