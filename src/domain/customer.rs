//! The customer file (客户档案): a customer as a record of its own, reused by the warranty
//! cards and complaints that name them.

use serde::{Deserialize, Serialize};

use super::phone::parse_phone;
use super::warranty_card::{MAX_LINE_CHARS, MAX_TEXT_CHARS};
use super::{MessageKey, checked_field};

/// A customer as filed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Customer {
    pub name: String,
    /// Canonical form, see [`super::phone::Phone::as_str`].
    pub phone: String,
    pub address: String,
    pub province: String,
    pub city: String,
    /// The dealer the customer bought from.
    pub dealer: String,
}

/// The four municipalities are provinces of their own.
const MUNICIPALITIES: &[&str] = &["北京市", "上海市", "天津市", "重庆市"];

/// The province and city a Chinese address starts with ("江西省南昌市东湖区…" → 江西省,
/// 南昌市); empty strings where the address does not say.
pub fn province_and_city(address: &str) -> (String, String) {
    let address = address.trim();
    if let Some(city) = MUNICIPALITIES.iter().find(|m| address.starts_with(**m)) {
        return ((*city).to_owned(), (*city).to_owned());
    }
    let mut province = String::new();
    let mut rest = address;
    for suffix in ["特别行政区", "自治区", "省"] {
        if let Some(at) = address.find(suffix)
            && address[..at].chars().count() <= 8
        {
            let end = at + suffix.len();
            province = address[..end].to_owned();
            rest = &address[end..];
            break;
        }
    }
    // "自治州" before "市": 杭州市 is a city ending in 市, not a 州.
    let city = ["自治州", "市", "地区", "盟"]
        .iter()
        .find_map(|suffix| {
            let at = rest.find(suffix)?;
            (at > 0 && rest[..at].chars().count() <= 12)
                .then(|| rest[..at + suffix.len()].to_owned())
        })
        .unwrap_or_default();
    (province, city)
}

/// Fields of the customer form that can be refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CustomerField {
    Name,
    Phone,
    Address,
    Province,
    City,
    Dealer,
}

impl CustomerField {
    pub fn label_key(self) -> MessageKey {
        match self {
            CustomerField::Name => "card-customer-name",
            CustomerField::Phone => "card-customer-phone",
            CustomerField::Address => "card-customer-address",
            CustomerField::Province => "customer-province",
            CustomerField::City => "customer-city",
            CustomerField::Dealer => "customer-dealer",
        }
    }
}

/// One refusal of the customer's parse.
pub type CustomerError = super::FieldError<CustomerField>;

/// The customer form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerDraft {
    pub name: String,
    pub phone: String,
    pub address: String,
    pub province: String,
    pub city: String,
    pub dealer: String,
}

impl CustomerDraft {
    pub fn from_customer(customer: &Customer) -> CustomerDraft {
        let Customer {
            name,
            phone,
            address,
            province,
            city,
            dealer,
        } = customer;
        CustomerDraft {
            name: name.clone(),
            phone: phone.clone(),
            address: address.clone(),
            province: province.clone(),
            city: city.clone(),
            dealer: dealer.clone(),
        }
    }

    pub fn parse(&self) -> Result<Customer, Vec<CustomerError>> {
        let CustomerDraft {
            name,
            phone,
            address,
            province,
            city,
            dealer,
        } = self;
        let mut errors = Vec::new();
        let mut text = |field, value: &str, required: bool, max: usize| {
            if let Err(message) = checked_field(value, required, max) {
                errors.push(CustomerError { field, message });
            }
            value.trim().to_owned()
        };
        let name = text(CustomerField::Name, name, true, MAX_LINE_CHARS);
        let address = text(CustomerField::Address, address, false, MAX_TEXT_CHARS);
        let province = text(CustomerField::Province, province, false, MAX_LINE_CHARS);
        let city = text(CustomerField::City, city, false, MAX_LINE_CHARS);
        let dealer = text(CustomerField::Dealer, dealer, false, MAX_LINE_CHARS);
        let phone = match parse_phone(phone) {
            Ok(phone) => phone.as_str().to_owned(),
            Err(_) if phone.trim().is_empty() => {
                errors.push(CustomerError {
                    field: CustomerField::Phone,
                    message: "error-required",
                });
                String::new()
            }
            Err(_) => {
                errors.push(CustomerError {
                    field: CustomerField::Phone,
                    message: "error-phone",
                });
                String::new()
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        // Province and city left empty are read from the address.
        let (found_province, found_city) = province_and_city(&address);
        Ok(Customer {
            name,
            phone,
            province: if province.is_empty() {
                found_province
            } else {
                province
            },
            city: if city.is_empty() { found_city } else { city },
            address,
            dealer,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn province_and_city_are_read_from_the_start_of_a_chinese_address() {
        let read = |a: &str| province_and_city(a);
        assert_eq!(
            read("江西省南昌市东湖区八一大道88号"),
            ("江西省".into(), "南昌市".into())
        );
        assert_eq!(
            read("新疆维吾尔自治区乌鲁木齐市天山区"),
            ("新疆维吾尔自治区".into(), "乌鲁木齐市".into())
        );
        assert_eq!(
            read("北京市朝阳区建国路1号"),
            ("北京市".into(), "北京市".into())
        );
        assert_eq!(
            read("湖南省湘西土家族苗族自治州吉首市"),
            ("湖南省".into(), "湘西土家族苗族自治州".into())
        );
        assert_eq!(
            read("浙江省杭州市西湖区"),
            ("浙江省".into(), "杭州市".into())
        );
        assert_eq!(read("Room 12, Bayi Avenue"), (String::new(), String::new()));
    }

    #[test]
    fn a_customer_needs_a_name_and_a_plausible_phone() {
        let errors = CustomerDraft {
            phone: "12".into(),
            ..Default::default()
        }
        .parse()
        .unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| (e.field, e.message)).collect();
        assert_eq!(
            fields,
            [
                (CustomerField::Name, "error-required"),
                (CustomerField::Phone, "error-phone")
            ]
        );
    }

    #[test]
    fn an_empty_province_is_filled_from_the_address_but_a_typed_one_is_kept() {
        let draft = CustomerDraft {
            name: "张三".into(),
            phone: "138 0013 8000".into(),
            address: "江西省南昌市东湖区".into(),
            ..Default::default()
        };
        let customer = draft.parse().unwrap();
        assert_eq!(
            (customer.province.as_str(), customer.city.as_str()),
            ("江西省", "南昌市")
        );
        assert_eq!(customer.phone, "13800138000");
        let typed = CustomerDraft {
            province: "广东省".into(),
            ..draft
        }
        .parse()
        .unwrap();
        assert_eq!(typed.province, "广东省");
        assert_eq!(CustomerDraft::from_customer(&typed).parse(), Ok(typed));
    }
}
