/**
 * Stage two, translate: the copy the EHR gets. Our identifiers on it, every literal reference rewritten to what that
 * EHR holds (its ids from the ledger, its Patient by the endpoint's patient identity, a logical reference for what we do
 * not deliver there), or the dependency still to be delivered first.
 */
package org.spinefusion.careplan.service.delivery.translate;
