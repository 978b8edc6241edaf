/(?<y>\d{4})-(?<m>\d\d)/u.exec('2024-05').groups.y + 'aBc'.replace(/b/gi, '$&$&')
