//! A facilitator's billing details as the API shows them (the IBAN masked), with the
//! self-billing mandate to accept.

use serde::Serialize;

use crate::domain::billing::{BillingDetails, Mandate, Vat};
use crate::texts::billing::{MANDATE, MANDATE_VERSION};

#[derive(Serialize)]
pub struct DetailsView {
    legal_name: String,
    address: String,
    siret: String,
    vat: Vat,
    iban: String,
    mandate: Mandate,
}

#[derive(Serialize)]
pub struct View {
    details: Option<DetailsView>,
    mandate_text: &'static str,
    mandate_version: &'static str,
    /// Whether statements can be issued in the caller's name now.
    ready: bool,
}

pub fn view(details: Option<&BillingDetails>) -> View {
    View {
        ready: details.is_some_and(|d| d.mandate.text_version == MANDATE_VERSION),
        details: details.map(|d| DetailsView {
            legal_name: d.legal_name.clone(),
            address: d.address.clone(),
            siret: d.siret.clone(),
            vat: d.vat.clone(),
            iban: d.masked_iban(),
            mandate: d.mandate.clone(),
        }),
        mandate_text: MANDATE,
        mandate_version: MANDATE_VERSION,
    }
}
