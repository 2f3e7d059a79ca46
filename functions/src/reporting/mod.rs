//! The company's CSR reporting: the report, its CSV export and the associations' annual
//! statements of the days given.

pub mod export_company_report;
pub mod get_association_statement;
pub mod get_company_report;
pub mod get_report_export;
